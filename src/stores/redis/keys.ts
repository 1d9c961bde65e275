/**
 * Key layout of the index in Redis, and how its values are encoded.
 *
 * Key layout (P = prefix, default `reprint`). Every multi-key command, pipeline and script only
 * touches keys of one hash slot, as Redis Cluster requires:
 *
 *   P:{P:cat}:meta            hash: format, params (JSON), created
 *   P:{P:cat}:docs            hash: locator → JSON of the IndexedDocument (documents written
 *                             before `credit` was kept lack it: read as null)
 *   P:{P:cat}:refs            hash: content hash → number of documents holding it (field deleted at 0)
 *   P:{P:cat}:holders         sorted set, score 0: `<content hash>:<locator>` (documentsWith by lex range)
 *   P:{P:cat}:stage:<random>  list of document JSON staged by one add; expires after a day
 *   P:c:{xx}:<content hash>   string: shingles u32, words u32, band keys u32 × bands, signature
 *                             u32 × numPerm, all little-endian; xx = first two hex digits of the hash
 *   P:s:{xx}:<content hash>   string: the content's shingle set, sorted distinct u32 little-endian;
 *                             only for contents added with one. Same tag group as the record.
 *   P:b:{xx}:<band>:<bucket>  sorted set, score 0, of 12-byte members: band key (4 bytes, big-endian)
 *                             + content hash (8 raw bytes); bucket = band key >>> 18, xx a tag group
 *                             of band and bucket. Looked up by ZRANGEBYLEX on the 4-byte prefix.
 *                             Buckets hold about contents / 16,384 members (61 at a million), so up
 *                             to about 2M contents Redis keeps them listpack-encoded (18-34 bytes a
 *                             member); past zset-max-listpack-entries (128) a bucket becomes a
 *                             skiplist at about 110 bytes a member. Larger indexes raise that
 *                             setting (README, "The index across machines").
 *
 * Contents and band buckets share the 256 tag groups `{00}`…`{ff}`, spread over the cluster's
 * slots; the catalog (meta, docs, refs, holders, stages) lives in one slot so that one Lua script
 * can commit an add or a removal atomically.
 *
 * An add writes content records and band members first (idempotent: same data under the same
 * keys), stages its documents, then commits them with one script: documents become visible only
 * there, so a killed process leaves the index as it was, and concurrent adders both land fully.
 * Content, shingle set and band writes go in bulk, one script call per tag group and chunk of
 * 1,000 entries (one per chunk on a standalone server), and are skipped for contents already live
 * (as the memory store does, a live content keeps the shingle set it was first stored with, or none).
 * Readers treat a content as live only while `refs` holds it. Content records, shingle sets and
 * band members of contents no document holds any more are left in place: they are ignored by every
 * reader and revived if the content is added again (deleting them could race with an adder that
 * has written them but not committed yet).
 */
import { randomBytes } from 'node:crypto';
import { signatureFromBytes, signatureToBytes, type IndexedContent, type IndexedDocument } from '../../index/store.js';
import { idOf } from '../../page.js';

export const DEFAULT_PREFIX = 'reprint';
/** Characters a prefix may use: braces would change the hash tags of the key layout. */
export const PREFIX_RE = /^[A-Za-z0-9_.:-]+$/;
/** A stage left by a crashed add disappears after this. */
export const STAGE_TTL_S = 24 * 3600;
/** Content hashes name keys: 16 hex digits. */
export const HASH_RE = /^[0-9a-f]{16}$/;
const BUCKET_SHIFT = 18;
/** Bytes of one band member: band key (4) + content hash (8). */
export const MEMBER_BYTES = 12;

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** A key and the hash tag it lives under. */
export interface TaggedKey {
  tag: string;
  key: string;
}

/** The catalog's keys: one slot. */
export function catalogKeys(prefix: string): { cat: string; meta: string; docs: string; refs: string; holders: string } {
  const cat = `${prefix}:{${prefix}:cat}`;
  return { cat, meta: `${cat}:meta`, docs: `${cat}:docs`, refs: `${cat}:refs`, holders: `${cat}:holders` };
}

/** A new stage of one add, in the catalog's slot. */
export function stageKey(cat: string): string {
  return `${cat}:stage:${randomBytes(8).toString('hex')}`;
}

export function contentKey(prefix: string, hash: string): TaggedKey {
  const tag = hash.slice(0, 2);
  return { tag, key: `${prefix}:c:{${tag}}:${hash}` };
}

export function shingleSetKey(prefix: string, hash: string): TaggedKey {
  const tag = hash.slice(0, 2);
  return { tag, key: `${prefix}:s:{${tag}}:${hash}` };
}

export function bucketKey(prefix: string, band: number, bandKey: number): TaggedKey {
  const bucket = bandKey >>> BUCKET_SHIFT;
  const tag = hex2((bucket + band * 73) & 0xff);
  return { tag, key: `${prefix}:b:{${tag}}:${band}:${bucket}` };
}

/** Length of a content record with this many band keys and signature values. */
export function contentRecordLength(bands: number, numPerm: number): number {
  return 8 + 4 * bands + 4 * numPerm;
}

export function encodeContentRecord(content: IndexedContent, bandKeys: Uint32Array): Buffer {
  const record = Buffer.alloc(contentRecordLength(bandKeys.length, content.signature.length));
  record.writeUInt32LE(content.shingles >>> 0, 0);
  record.writeUInt32LE(content.words >>> 0, 4);
  for (let b = 0; b < bandKeys.length; b++) record.writeUInt32LE(bandKeys[b]!, 8 + 4 * b);
  record.set(signatureToBytes(content.signature), 8 + 4 * bandKeys.length);
  return record;
}

/** The content a record holds, or null for a record too short for this many bands. */
export function decodeContentRecord(hash: string, buf: Buffer, bands: number): IndexedContent | null {
  if (buf.length < 8 + 4 * bands) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return {
    contentHash: hash,
    shingles: view.getUint32(0, true),
    words: view.getUint32(4, true),
    signature: signatureFromBytes(buf.subarray(8 + 4 * bands)),
  };
}

/** The band keys a record holds, or null for a record too short for this many bands. */
export function decodeBandKeys(buf: Buffer, bands: number): Uint32Array | null {
  if (buf.length < 8 + 4 * bands) return null;
  return signatureFromBytes(buf.subarray(8, 8 + 4 * bands));
}

/** Shingle sets are stored as signatures are: little-endian u32 values. */
export function encodeShingleSet(set: Uint32Array): Buffer {
  const bytes = signatureToBytes(set);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function decodeShingleSet(buf: Buffer): Uint32Array {
  return signatureFromBytes(buf);
}

/** Writes band member `m` (band key, then the content hash's 8 raw bytes) into `out`. */
export function writeBandMember(out: Buffer, m: number, bandKey: number, hashBytes: Buffer): void {
  out.writeUInt32BE(bandKey, MEMBER_BYTES * m);
  hashBytes.copy(out, MEMBER_BYTES * m + 4);
}

/** The 4-byte prefixes of band members with these band keys, back to back. */
export function bandKeyPrefixes(bandKeys: readonly number[]): Buffer {
  const keys4 = Buffer.allocUnsafe(4 * bandKeys.length);
  bandKeys.forEach((k, i) => keys4.writeUInt32BE(k, 4 * i));
  return keys4;
}

/** Content hashes (8 raw bytes each, back to back) as hex. */
export function hashesFromBytes(hashes: Buffer): string[] {
  const out: string[] = [];
  for (let o = 0; o + 8 <= hashes.length; o += 8) out.push(hashes.toString('hex', o, o + 8));
  return out;
}

/** The lex range of the holders of one content. */
export function holdersRange(hash: string): [string, string] {
  return [`[${hash}:`, `(${hash};`];
}

/** A holders member: [content hash, locator]. */
export function parseHolder(member: string): [string, string] {
  return [member.slice(0, 16), member.slice(17)];
}

export function parseIndexedDocument(json: string): IndexedDocument {
  const d = JSON.parse(json) as Omit<IndexedDocument, 'credit'> & { credit?: string | null };
  return { ...d, credit: d.credit ?? null };
}

export function docJson(d: IndexedDocument): string {
  // Only the contract's fields, in a fixed order; `undefined` stays out and is refused at commit,
  // except the id, which is absent when the input gave the page none.
  return JSON.stringify({
    locator: d.locator,
    path: d.path,
    ...idOf(d),
    url: d.url,
    contentHash: d.contentHash,
    outlet: d.outlet,
    title: d.title,
    dateline: d.dateline,
    published: d.published,
    credit: d.credit,
    label: d.label,
    addedAt: d.addedAt,
  });
}
