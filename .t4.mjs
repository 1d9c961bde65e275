import fs from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
const C='/work/shared/corpora/readability';
function canon(html){
  const d = new JSDOM('<body>'+html).window.document;
  const out=[];
  (function walk(n){
    for (const c of n.childNodes){
      if (c.nodeType===3) out.push(c.data.replace(/\s+/g,' '));
      else if (c.nodeType===1){ const at=[...c.attributes].map(a=>`${a.name}="${a.value}"`).sort().join(' '); out.push(`<${c.localName} ${at}>`); walk(c); out.push(`</${c.localName}>`);}
    }
  })(d.body);
  return out.join('');
}
let same=0, diff=[];
for (const n of fs.readdirSync(C).sort()) {
  if (!fs.existsSync(`${C}/${n}/source.html`)) continue;
  const html = fs.readFileSync(`${C}/${n}/source.html`,'utf8').replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi,'$1$2');
  const a = canon(new Readability(new JSDOM(html,{url:'http://fakehost/test/page.html',virtualConsole:new VirtualConsole()}).window.document).parse().content);
  const b = canon(new Readability(parseHTML(html).document).parse().content);
  if (a===b) same++; else {
    let i=0; while(a[i]===b[i]) i++;
    diff.push([n, a.slice(i-60,i+60), b.slice(i-60,i+60)]);
  }
}
console.log('content same', same, 'diff', diff.length);
for (const d of diff) console.log(d[0], '\n  J:', JSON.stringify(d[1]), '\n  L:', JSON.stringify(d[2]));
