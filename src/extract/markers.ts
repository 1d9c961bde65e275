/**
 * Word lists for page furniture, in English, Arabic, Russian, Ukrainian, French, Spanish and
 * German. A list entry only ever matches a whole short line (a player crumb, a box's heading, a
 * footer line), never a word inside a sentence: the callers check the line's length first and
 * these functions compare the whole line (or, for footer and attribution lines, its start).
 *
 * Lines are compared by markerKey(): NFKC, lower case, Arabic harakat and tatweel dropped, alef
 * forms with hamza or madda to bare alef, alef maqsura to ya, ё to е, one kind of apostrophe,
 * bullets and trailing colons and ellipses dropped.
 */

import { siteOf } from './site.js';

import { isNfkcStableUnit } from '../text/normalize.js';
import { fillScriptUnits } from '../text/script-units.js';

// classifyLine asks several word lists about one line in a row, each by its key: the last key is
// kept so the line is normalised once, not four times.
let lastMarkerLine: string | null = null;
let lastMarkerKey = '';
let lastMarkerStable = false;
/** For that line: 1 when its key holds a LATIN_FURNITURE_WORDS word, 0 when not, -1 not yet looked. */
let lastMarkerFurnitureWord = -1;

export function markerKey(line: string): string {
  if (line !== lastMarkerLine) {
    lastMarkerFurnitureWord = -1;
    const plain = plainMarkerKey(line.toLowerCase());
    lastMarkerStable = plain !== null;
    lastMarkerKey = plain ?? scriptMarkerKey(line) ?? computeMarkerKey(line);
    lastMarkerLine = line;
  }
  return lastMarkerKey;
}

/**
 * Whether the line markerKey() was last asked about is NFKC-stable once lower-cased (every
 * character in NFKC_STABLE): then its key is its lower-case form with only ends, spaces and
 * apostrophes changed, its ASCII words are those an /iu pattern can match (lower case maps the
 * Kelvin sign to k as case folding does; the long s is not NFKC-stable), and it holds no Arabic or
 * Cyrillic letter.
 */
function lastKeyWasStable(line: string): boolean {
  markerKey(line);
  return lastMarkerStable;
}

/**
 * Whether a line is NFKC-stable and its key holds no word of LATIN_FURNITURE_WORDS: then it is no
 * player notice, cookie notice or footer (each rule's Latin phrases hold one of those words, and
 * the others cannot match such a line). One scan answers for the three rules.
 */
function isPlainProse(line: string): boolean {
  if (!lastKeyWasStable(line)) return false;
  if (lastMarkerFurnitureWord < 0) lastMarkerFurnitureWord = LATIN_FURNITURE_WORDS.test(lastMarkerKey) ? 1 : 0;
  return lastMarkerFurnitureWord === 0;
}

export function computeMarkerKey(line: string): string {
  const folded = line
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640\u200B-\u200F\u061C]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ё/g, 'е');
  return folded
    .replace(/[’ʼ`´]/g, "'")
    .replace(/^[\s•·|>»›«‹\-–—*#▶►▸◆■□●○▪️+]+/u, '')
    .replace(/[\s:：.…!|•·›»«‹>\-–—]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a UTF-16 code unit is whitespace as /\s/ reads it. */
function isSpaceUnit(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** What computeMarkerKey strips from the start: /^[\s•·|>»›«‹\-–—*#▶►▸◆■□●○▪️+]+/u. */
function isKeyLead(c: number): boolean {
  if (c < 0x80) return c === 0x7c || c === 0x3e || c === 0x2d || c === 0x2a || c === 0x23 || c === 0x2b || isSpaceUnit(c);
  return (
    c === 0x2022 || c === 0xb7 || c === 0xbb || c === 0x203a || c === 0xab || c === 0x2039 || c === 0x2013 || c === 0x2014 ||
    c === 0x25b6 || c === 0x25ba || c === 0x25b8 || c === 0x25c6 || c === 0x25a0 || c === 0x25a1 || c === 0x25cf || c === 0x25cb ||
    c === 0x25aa || c === 0xfe0f || isSpaceUnit(c)
  );
}

/** What computeMarkerKey strips from the end: /[\s:：.…!|•·›»«‹>\-–—]+$/u. */
function isKeyTail(c: number): boolean {
  if (c < 0x80) return c === 0x3a || c === 0x2e || c === 0x21 || c === 0x7c || c === 0x3e || c === 0x2d || isSpaceUnit(c);
  return (
    c === 0xff1a || c === 0x2026 || c === 0x2022 || c === 0xb7 || c === 0x203a || c === 0xbb || c === 0xab || c === 0x2039 ||
    c === 0x2013 || c === 0x2014 || isSpaceUnit(c)
  );
}

/** The apostrophes computeMarkerKey writes as ': /[’ʼ`´]/. */
const isKeyApostrophe = (c: number): boolean => c === 0x2019 || c === 0x2bc || c === 0x60 || c === 0xb4;

/**
 * computeMarkerKey() of a line, given lower-cased, when that is NFKC-stable (each character in
 * NFKC_STABLE; else null): NFKC then leaves the line's lower-case form as it is (a test checks
 * every character) and it holds none of the Arabic and Cyrillic letters folded there, so only the
 * apostrophes, the ends and the spaces change. One scan, and no copy for a line that needs none
 * of that.
 */
function plainMarkerKey(lower: string): string | null {
  const n = lower.length;
  let start = 0;
  let end = n;
  while (start < end && isKeyLead(lower.charCodeAt(start))) start++;
  while (end > start && isKeyTail(lower.charCodeAt(end - 1))) end--;
  let clean = true;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    // Printable ASCII but the space and the backtick: most characters, stable, left as they are.
    if (c > 0x20 && c < 0x7f && c !== 0x60) continue;
    if (!isNfkcStableUnit(c)) return null;
    if (clean && i >= start && i < end && (isKeyApostrophe(c) || (isSpaceUnit(c) && (c !== 0x20 || isSpaceUnit(lower.charCodeAt(i + 1)))))) {
      clean = false;
    }
  }
  if (clean) return lower.slice(start, end);
  let out = '';
  let from = start;
  for (let i = start; i < end; i++) {
    const c = lower.charCodeAt(i);
    if (isKeyApostrophe(c)) {
      out += lower.slice(from, i) + "'";
      from = i + 1;
    } else if (isSpaceUnit(c)) {
      let j = i + 1;
      while (j < end && isSpaceUnit(lower.charCodeAt(j))) j++;
      out += lower.slice(from, i) + ' ';
      from = j;
      i = j - 1;
    }
  }
  return out + lower.slice(from, end);
}

/** What a code unit becomes in a marker key (scriptMarkerKey): KEY_DROP, KEY_SLOW or the unit. */
const KEY_DROP = -1;
const KEY_SLOW = -2;
/**
 * Per UTF-16 code unit, what computeMarkerKey makes of it wherever it stands, for the units whose
 * key is one unit or none (text/script-units.ts), with the marker key's own folds: Arabic digits,
 * teh marbuta and the Persian letters kept, ’ ʼ ` as '. White space is a space: the key collapses
 * it. A test checks every unit against computeMarkerKey.
 */
const KEY_UNIT = (() => {
  const unit = new Int32Array(0x10000).fill(KEY_SLOW);
  for (let c = 0x20; c < 0x7f; c++) unit[c] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  fillScriptUnits(unit, KEY_DROP);
  for (const c of [0x2013, 0x2014, 0x2018, 0x201c, 0x201d, 0x2022, 0x2039, 0x203a, 0x25b6, 0x25ba, 0x25b8, 0x25c6, 0x25a0, 0x25a1, 0x25cf, 0x25cb]) unit[c] = c;
  for (let c = 0x660; c <= 0x66d; c++) unit[c] = c;
  for (let c = 0x6f0; c <= 0x6f9; c++) unit[c] = c;
  for (const c of [0x60c, 0x61b, 0x61f, 0x629, 0x67e, 0x686, 0x698, 0x6a9, 0x6af, 0x6cc]) unit[c] = c;
  for (let c = 0x200b; c <= 0x200f; c++) unit[c] = KEY_DROP;
  unit[0x61c] = KEY_DROP;
  for (const c of [0x60, 0x2019, 0x2bc]) unit[c] = 0x27;
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) unit[c] = 0x20;
  for (let c = 0x2000; c <= 0x200a; c++) unit[c] = 0x20;
  return unit;
})();

let keyUnits = new Uint16Array(256);

/**
 * computeMarkerKey() of a line whose every unit KEY_UNIT maps (else null), without NFKC and the
 * six patterns: one scan maps the units, the key's ends are cut as computeMarkerKey cuts them, and
 * runs of white space become one space. A line that needs no change comes back as a slice of itself.
 */
function scriptMarkerKey(line: string): string | null {
  const n = line.length;
  if (keyUnits.length < n) keyUnits = new Uint16Array(Math.max(n, 2 * keyUnits.length));
  const units = keyUnits;
  let m = 0;
  let same = true;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    const u = KEY_UNIT[c]!;
    if (u < 0) {
      if (u === KEY_SLOW) return null;
      same = false;
      continue;
    }
    if (u !== c) same = false;
    units[m++] = u;
  }
  let start = 0;
  let end = m;
  while (start < end && isKeyLead(units[start]!)) start++;
  while (end > start && isKeyTail(units[end - 1]!)) end--;
  // Spaces inside: the key holds single spaces only.
  for (let i = start; i < end && same; i++) if (units[i] === 0x20 && units[i + 1] === 0x20) same = false;
  if (same) return line.slice(start, end);
  let out = '';
  for (let i = start; i < end; i++) {
    const u = units[i]!;
    if (u === 0x20 && units[i + 1] === 0x20) continue;
    out += String.fromCharCode(u);
  }
  return out;
}

const keys = (list: readonly string[]): Set<string> => new Set(list.map(markerKey));

// ------------------------------------------------------------------ crumbs
/** English crumbs: player controls, share and account buttons, widget labels. */
const CRUMB_EN =
  /^(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*\/\s*\d{1,2}:\d{2}(?::\d{2})?)?|close|closed captions|×|✕|✖|x|play|pause|replay|mute|unmute|volume|full ?screen|exit full ?screen|captions|settings|advertisement|ad|skip ad|sponsored|share|share this|tweet|pin|print|email|e-mail|copy link|link copied|menu|search|subscribe|sign in|sign up|log in|login|register|loading|back to top|scroll to top|next|previous|prev|more|less|show less|show more|read more|read less|keep reading|keep readingshow less|continue reading|view comments|comments|\d+ comments?|accept|accept all|reject all|manage preferences|got it|ok|okay)$/i;

/** The same kinds of crumbs in the other languages (and a few platform names printed alone). */
const CRUMBS = keys([
  // Arabic
  'إغلاق', 'اغلق', 'أغلق', 'إغلاق النافذة', 'القائمة', 'القائمة الرئيسية', 'بحث', 'ابحث', 'البحث', 'مشاركة', 'شارك', 'شاركوا',
  'طباعة', 'اطبع', 'إرسال', 'أرسل', 'البريد الإلكتروني', 'نسخ الرابط', 'تم نسخ الرابط', 'انسخ الرابط', 'غرّد', 'تغريد',
  'إعلان', 'إعلانات', 'محتوى مدعوم', 'تسجيل الدخول', 'دخول', 'تسجيل', 'إنشاء حساب', 'اشترك', 'اشترك الآن', 'اشتراك',
  'المزيد', 'عرض المزيد', 'اقرأ المزيد', 'اقرأ أكثر', 'تابع القراءة', 'متابعة القراءة', 'أكمل القراءة', 'التالي', 'السابق',
  'العودة إلى الأعلى', 'إلى الأعلى', 'للأعلى', 'تشغيل', 'إيقاف', 'إيقاف مؤقت', 'كتم الصوت', 'ملء الشاشة', 'تحميل',
  'جار التحميل', 'جاري التحميل', 'موافق', 'قبول', 'أوافق', 'رفض', 'الرئيسية', 'الصفحة الرئيسية', 'تعليق', 'أضف تعليق',
  'واتساب', 'فيسبوك', 'فيس بوك', 'تويتر', 'إكس', 'تلغرام', 'تيليغرام', 'تليجرام', 'لينكدإن', 'لينكد إن', 'انستغرام', 'إنستغرام',
  'يوتيوب', 'حجم الخط', 'تكبير الخط', 'تصغير الخط', 'استمع', 'استمع للمقال', 'استمع إلى المقال', 'عاجل', 'مباشر', 'فيديو', 'صور',
  // Russian
  'закрыть', 'меню', 'поиск', 'найти', 'поделиться', 'печать', 'распечатать', 'версия для печати', 'отправить',
  'скопировать ссылку', 'ссылка скопирована', 'копировать ссылку', 'реклама', 'на правах рекламы', 'войти', 'вход',
  'регистрация', 'зарегистрироваться', 'подписаться', 'подпишитесь', 'ещё', 'показать ещё', 'загрузить ещё', 'читать далее',
  'читать дальше', 'читать полностью', 'подробнее', 'далее', 'назад', 'вперёд', 'наверх', 'вернуться наверх', 'воспроизвести',
  'пауза', 'без звука', 'во весь экран', 'загрузка', 'принять', 'принять все', 'согласен', 'понятно', 'главная', 'комментировать',
  'вконтакте', 'телеграм', 'одноклассники', 'дзен', 'видео', 'фото',
  // Ukrainian
  'закрити', 'пошук', 'знайти', 'поділитися', 'друк', 'надрукувати', 'надіслати', 'копіювати посилання', 'скопіювати посилання',
  'посилання скопійовано', 'увійти', 'вхід', 'реєстрація', 'зареєструватися', 'підписатися', 'підпишіться', 'ще', 'показати ще',
  'завантажити ще', 'читати далі', 'читати повністю', 'детальніше', 'далі', 'вперед', 'вгору', 'нагору', 'відтворити',
  'завантаження', 'прийняти', 'прийняти всі', 'погоджуюсь', 'зрозуміло', 'головна', 'коментувати', 'відео',
  // French
  'fermer', 'rechercher', 'recherche', 'partager', 'imprimer', 'envoyer', 'copier le lien', 'lien copié', 'publicité', 'pub',
  'se connecter', 'connexion', "s'inscrire", 'inscription', "s'abonner", 'abonnez-vous', "je m'abonne", 'plus', 'voir plus',
  'afficher plus', 'lire la suite', 'lire plus', 'suivant', 'précédent', 'retour en haut', 'haut de page', 'lecture', 'plein écran',
  'chargement', 'accepter', 'tout accepter', 'tout refuser', 'continuer sans accepter', "d'accord", 'accueil', 'commenter', 'réagir',
  // Spanish
  'cerrar', 'menú', 'buscar', 'búsqueda', 'compartir', 'imprimir', 'enviar', 'copiar enlace', 'enlace copiado', 'publicidad',
  'anuncio', 'iniciar sesión', 'entrar', 'registrarse', 'regístrate', 'suscribirse', 'suscríbete', 'más', 'ver más', 'mostrar más',
  'leer más', 'seguir leyendo', 'continuar leyendo', 'siguiente', 'anterior', 'volver arriba', 'reproducir', 'pausa',
  'pantalla completa', 'cargando', 'aceptar', 'aceptar todo', 'rechazar todo', 'inicio', 'portada', 'comentar',
  // German
  'schließen', 'schliessen', 'menü', 'suche', 'suchen', 'teilen', 'drucken', 'versenden', 'link kopieren', 'link kopiert',
  'anzeige', 'werbung', 'anmelden', 'einloggen', 'registrieren', 'abonnieren', 'jetzt abonnieren', 'mehr', 'mehr anzeigen',
  'weiterlesen', 'weiter lesen', 'mehr lesen', 'weiter', 'zurück', 'nach oben', 'abspielen', 'vollbild', 'lädt', 'wird geladen',
  'akzeptieren', 'alle akzeptieren', 'alle ablehnen', 'startseite', 'kommentieren',
]);

/** "12 تعليقا", "5 комментариев", "3 commentaires": a comment counter. */
const COMMENT_COUNT = /^\d+\s+(?:تعليق|تعليقا|تعليقات|комментари\S*|коментар\S*|commentaires?|comentarios?|kommentare?)$/u;

/** A whole short line that is a crumb (the caller checks the length). */
export function isCrumbPhrase(core: string): boolean {
  if (CRUMB_EN.test(core)) return true;
  const k = markerKey(core);
  return CRUMBS.has(k) || COMMENT_COUNT.test(k);
}

// ------------------------------------------------------------------ section markers
const SECTION_MARKER_EN =
  /^(?:newsletters?|sign up for (?:our|the) newsletter.*|subscribe to (?:our|the) newsletter.*|related(?: articles?| stories| posts| content| news| coverage| reading| topics)?|recent (?:posts|articles|stories|news)|more (?:stories|news|articles|from .{1,40}|on this story|on this topic|in .{1,30})|you (?:may|might) also (?:like|be interested in|enjoy)|also read|read (?:also|next|more)|trending(?: now| stories| news)?|most (?:read|popular|viewed|shared|commented)|latest(?: news| stories| articles| posts)?|popular(?: posts| stories| now)?|recommended(?: for you| stories| articles)?|see also|further reading|top stories|editor'?s picks|what to read next|around the web|from our partners|sponsored (?:content|stories|links)|follow us(?: on .{1,30})?|share (?:this|the) (?:article|story|post)|tags?|topics|comments|leave a (?:comment|reply))$/i;

/** Headings of boxes that close an article: related, most read, newsletter, follow us, share, tags, comments. */
const SECTION_MARKERS = keys([
  // Arabic
  'أخبار ذات صلة', 'مقالات ذات صلة', 'مواضيع ذات صلة', 'موضوعات ذات صلة', 'قصص ذات صلة', 'تقارير ذات صلة', 'ذات صلة',
  'أخبار متعلقة', 'مقالات متعلقة', 'أخبار مشابهة', 'مقالات مشابهة', 'اخترنا لك', 'مختارات', 'مختارات المحرر',
  'الأكثر قراءة', 'الأكثر مشاهدة', 'الأكثر تداولا', 'الأكثر شعبية', 'الأكثر تعليقا', 'الأكثر مشاركة', 'الأكثر قراءة اليوم',
  'آخر الأخبار', 'أحدث الأخبار', 'أخبار عاجلة', 'آخر الأخبار العاجلة', 'المزيد من الأخبار', 'المزيد من المقالات',
  'النشرة البريدية', 'النشرة الإخبارية', 'النشرة الاخبارية', 'نشرتنا البريدية', 'القائمة البريدية', 'تابعنا', 'تابعونا',
  'تابعونا على مواقع التواصل', 'تابعونا على وسائل التواصل الاجتماعي', 'شارك المقال', 'شارك هذا المقال', 'شارك الخبر',
  'شارك هذا الخبر', 'شارك على', 'الوسوم', 'وسوم', 'كلمات مفتاحية', 'الكلمات المفتاحية', 'كلمات دلالية', 'الكلمات الدلالية',
  'التعليقات', 'تعليقات', 'اترك تعليقا', 'أضف تعليقك', 'اكتب تعليقك',
  // Russian
  'похожие новости', 'похожие статьи', 'похожие материалы', 'материалы по теме', 'ещё по теме', 'новости по теме',
  'другие новости', 'связанные материалы', 'самое читаемое', 'самое популярное',
  'популярное', 'популярные новости', 'самое обсуждаемое', 'последние новости', 'главные новости', 'лента новостей',
  'все новости', 'новости партнёров', 'рассылка', 'наша рассылка', 'мы в соцсетях', 'мы в социальных сетях', 'следите за нами',
  'присоединяйтесь к нам', 'поделиться статьёй', 'поделитесь статьёй', 'поделиться новостью', 'теги', 'метки', 'темы',
  'ключевые слова', 'комментарии', 'оставить комментарий', 'обсуждение',
  // Ukrainian
  'схожі новини', 'схожі статті', 'матеріали за темою', 'новини за темою', 'інші новини', 'найпопулярніше', 'найпопулярніші',
  'найчитаніше', 'популярне',
  'останні новини', 'головні новини', 'стрічка новин', 'усі новини', 'всі новини', 'розсилка', 'ми в соцмережах',
  'стежте за нами', 'слідкуйте за нами', 'поділитися статтею', 'поділіться статтею', 'мітки', 'теми', 'ключові слова',
  'коментарі', 'залишити коментар', 'обговорення',
  // French
  'articles liés', 'articles similaires', 'articles connexes', 'dans la même rubrique', 'vous aimerez aussi',
  'vous aimerez peut-être aussi', 'vous pourriez aimer', 'ces articles peuvent vous intéresser', 'les plus lus', 'les plus lues', 'les plus populaires',
  'les plus partagés', 'les plus commentés', 'dernières actualités', 'dernières infos', 'dernières nouvelles', 'à la une',
  "lettre d'information", 'infolettre', 'suivez-nous', 'partager cet article', 'partagez cet article', 'mots-clés', 'mots clés',
  'sujets', 'thèmes', 'commentaires', 'réactions', 'laisser un commentaire',
  // Spanish
  'noticias relacionadas', 'artículos relacionados', 'notas relacionadas', 'contenido relacionado', 'más noticias',
  'lo más leído', 'lo más visto', 'más leídas', 'más leídos', 'lo más popular', 'últimas noticias', 'boletín', 'síguenos',
  'comparte este artículo', 'compartir este artículo', 'etiquetas', 'temas', 'comentarios', 'deja un comentario',
  // German
  'weitere artikel', 'ähnliche artikel', 'verwandte artikel', 'verwandte themen',
  'weitere nachrichten', 'meistgelesen', 'meistgelesene artikel', 'am meisten gelesen', 'beliebteste artikel', 'neueste artikel',
  'neueste nachrichten', 'newsletter abonnieren', 'folgen sie uns', 'artikel teilen', 'diesen artikel teilen', 'schlagwörter',
  'schlagworte', 'themen', 'kommentare', 'kommentar schreiben', 'empfehlungen', 'top-themen',
]);

/**
 * "Read also" lines: in the other languages they often point to one story from inside the
 * article, so they are removed as a line (with the teaser on the same line: "Lesen Sie auch:
 * ...") and never cut the page there. (English "Read also", "See also" keep their old rule.)
 */
const READ_ALSO = keys([
  'اقرأ أيضا', 'إقرأ أيضا', 'اقرأ أيضاً', 'اقرأ كذلك', 'اقرأ المزيد', 'قد يهمك', 'قد يهمك أيضا', 'قد يعجبك', 'قد يعجبك أيضا',
  'ننصحك بقراءة', 'شاهد أيضا', 'طالع أيضا',
  'читайте также', 'читайте ещё', 'смотрите также', 'см. также', 'по теме', 'рекомендуем', 'рекомендуем прочитать',
  'вам может быть интересно', 'вам также может быть интересно',
  'читайте також', 'дивіться також', 'за темою', 'рекомендуємо', 'вам може бути цікаво',
  'à lire aussi', 'a lire aussi', 'lire aussi', 'voir aussi', 'sur le même sujet', 'à voir aussi', 'à lire également',
  'te puede interesar', 'también te puede interesar', 'te recomendamos', 'lee también', 'lea también', 'leer también', 'ver también',
  'mehr zum thema', 'das könnte sie auch interessieren', 'das könnte dich auch interessieren', 'auch interessant',
  'lesen sie auch', 'lies auch', 'lesen sie mehr', 'mehr dazu',
]);

const READ_ALSO_LONGEST = Math.max(...[...READ_ALSO].map((k) => k.length));

/** A "read also" line: the phrase alone, or followed by a colon and the teaser's headline. */
export function isReadAlso(line: string): boolean {
  const k = markerKey(line);
  if (k.length <= READ_ALSO_LONGEST && READ_ALSO.has(k)) return true;
  // Without a colon the search below finds none (most lines).
  if (k.indexOf(':') < 0 && k.indexOf('：') < 0) return false;
  const colon = k.search(/\s?[:：]/u);
  if (colon <= 0 || k.length > 200 || wordCount(k) > 24) return false;
  return READ_ALSO.has(k.slice(0, colon).trim());
}

/** Box headings with a tail: "Follow us on Telegram", "تابعونا على تلغرام", "Подпишитесь на рассылку ...". */
const SECTION_MARKER_PREFIXES = [
  'تابعنا على', 'تابعونا على', 'اشترك في النشرة', 'اشترك في نشرتنا', 'سجل في النشرة', 'شارك على',
  'подписывайтесь на', 'подпишитесь на', 'читайте нас в', 'следите за нами в', 'ещё из раздела', 'другие новости раздела',
  'підписуйтесь на', 'підпишіться на', 'читайте нас у', 'читайте нас в', 'стежте за нами в', 'слідкуйте за нами в',
  'suivez-nous sur', 'inscrivez-vous à notre newsletter', 'abonnez-vous à notre newsletter',
  'síguenos en', 'suscríbete a nuestro boletín', 'suscríbete a nuestra newsletter',
  'folgen sie uns auf', 'folgen sie uns bei',
].map((p) => markerKey(p) + ' ');

/** A tag list printed on one line: "Tags: transport, trams", "Теги: транспорт", "الوسوم: ...". */
const TAG_LIST =
  /^(?:tags?|topics|keywords|теги|метки|ключевые слова|теги|мітки|ключові слова|الوسوم|وسوم|كلمات مفتاحية|الكلمات المفتاحية|كلمات دلالية|mots[- ]clés|étiquettes|etiquetas|palabras clave|schlagwörter|schlagworte|stichworte)\s*:\s*\S/u;

/** A whole short line that heads a furniture box (the caller checks the length). */
export function isSectionMarker(core: string): boolean {
  if (SECTION_MARKER_EN.test(core)) return true;
  const k = markerKey(core);
  if (SECTION_MARKERS.has(k)) return true;
  if (wordCount(k) <= 16 && TAG_LIST.test(k)) return true;
  if (k.length > 60 || wordCount(k) > 8) return false;
  return SECTION_MARKER_PREFIXES.some((p) => k.startsWith(p));
}

// ------------------------------------------------------------------ footers and attribution
const RIGHTS =
  'all rights reserved|جميع الحقوق محفوظة|كل الحقوق محفوظة|الحقوق محفوظة|حقوق النشر محفوظة|все права защищены|все права сохранены|всі права захищені|усі права захищені|усі права захищено|tous droits réservés|todos los derechos reservados|alle rechte vorbehalten';
/** The rights phrase opening the line (after ©, a year, punctuation) or closing it: never inside a sentence. */
const RIGHTS_LINE = new RegExp(`^[©()c\\d\\s.,|\\-–—]*(?:${RIGHTS})|(?:${RIGHTS})[\\s.!]*$`, 'u');
const COPYRIGHT_START = /^(?:©|\(c\)|copyright\b|حقوق النشر|авторское право)/u;
/** Russian and Ukrainian footers: "При использовании материалов ссылка на ... обязательна". */
const REPRINT_TERMS = /^(?:при (?:использовании|перепечатке|цитировании|копировании)|при використанні|використання матеріалів|перепечатка материалов|полное или частичное)/u;
const REPRINT_TERMS_TAIL = /ссылк|посилан|запрещ|заборон/u;

/**
 * What the key of an NFKC-stable footer line holds: part of one of RIGHTS_LINE's Latin phrases,
 * or one of COPYRIGHT_START's Latin forms at its start.
 */
const LATIN_FOOTER_WORDS = /rights reserved|droits|derechos reservados|rechte vorbehalten|^(?:©|\(c\)|copyright)/;

/** A footer line: a copyright notice, "All rights reserved", reprint terms. */
export function isFooterLine(line: string): boolean {
  if (line.length > 200) return false;
  const k = markerKey(line);
  // In an NFKC-stable line only the Latin phrases can match, and each has one of these words.
  if (isPlainProse(line) || (lastKeyWasStable(line) && !LATIN_FOOTER_WORDS.test(k))) return false;
  if (wordCount(k) > 24) return false;
  if (RIGHTS_LINE.test(k) || COPYRIGHT_START.test(k)) return true;
  return REPRINT_TERMS.test(k) && REPRINT_TERMS_TAIL.test(k);
}

/** "Republished from ...", "Source: ...", "نقلا عن ...", "Источник: ...": where the copy came from. */
const ATTRIBUTION =
  /^(?:republished (?:from|with permission|by arrangement)|originally (?:published|appeared)|first published (?:in|on|by|at)|this (?:article|story|piece) (?:is |was |has been |first |originally )*(?:republished|published|appeared)|source ?:|نقلا عن|المصدر ?:|المصدر$|اعيد نشر|يعاد نشر|نشر هذا المقال|источник ?:|перепечатано (?:с|из)|впервые опубликован|оригинал (?:статьи|материала)|джерело ?:|передруковано з|вперше опубліковано|republié (?:avec|de|depuis)|publié (?:initialement|à l'origine|originellement)|cet article a (?:d'abord|initialement|été initialement) été publié|fuente ?:|publicado originalmente|este artículo (?:fue publicado|se publicó) originalmente|republicado (?:de|con)|quelle ?:|zuerst erschienen|ursprünglich erschienen|dieser artikel erschien)/u;

/** The first three letters of ATTRIBUTION's Latin phrases. */
const LATIN_ATTRIBUTION_START = /^(?:rep|ori|fir|thi|sou|pub|cet|fue|est|que|zue|urs|die)/;

/**
 * "via Reuters", "(via The Conversation)": a name follows, capitalised, so that an Italian "Via
 * libera al decreto" stays the article's; a sentence ("Via Appia was paved.") ends with a stop.
 */
const VIA = /^\(?[Vv]ia\s+[\p{Lu}\p{N}@][^.!?]*\)?$/u;

/** A short line naming where the text was first published: never the article's own text. */
export function isAttributionLine(line: string): boolean {
  if (line.length > 140) return false;
  const t = line.trim();
  if (/^\(?[Vv]ia\s/u.test(t)) return t.split(/\s+/).length <= 6 && VIA.test(t);
  const k = markerKey(line);
  // In an NFKC-stable line only ATTRIBUTION's Latin phrases can match, at the key's start.
  if (lastKeyWasStable(line) && !LATIN_ATTRIBUTION_START.test(k)) return false;
  return wordCount(k) <= 16 && ATTRIBUTION.test(k);
}

/**
 * The words of an attribution line before the source's name, in the seven languages: the line is
 * read as printed (case kept), with only Arabic vowel marks, tatweel and invisible marks dropped.
 */
const CREDIT_LEAD = new RegExp(
  '^(?:' +
    [
      // English
      'originally (?:re-?published|published|appeared|posted|ran)',
      'first (?:published|appeared|posted|ran)',
      'this (?:article|story|piece|post|report|column) (?:was |is |has been |first |originally )*(?:re-?published|published|appeared|posted|ran)(?: first| originally)?',
      're-?published',
      'reprinted',
      'sources?',
      'via',
      'courtesy(?: of)?',
      // Arabic
      'نقلا عن',
      'المصدر',
      '(?:[اأ]عيد|يعاد) نشر(?:ه|ها)?(?: هذا المقال| هذه المادة)?',
      'نشر هذا المقال(?: [اأ]ولا| لأول مرة| للمرة الأولى)?',
      // Russian, Ukrainian
      'источник',
      'перепечатано',
      'впервые опубликован[аоы]?',
      'оригинал (?:статьи|материала)',
      'джерело',
      'передруковано',
      'вперше опубліковано',
      // French
      'republié(?:e|s|es)?',
      "publié(?:e)? (?:initialement|à l'origine|originellement)",
      "cet article a (?:d'abord |initialement |été initialement )?été publié(?: initialement| à l'origine| originellement| pour la première fois| d'abord)?",
      // Spanish
      'fuente',
      'publicado originalmente',
      'este artículo (?:fue publicado|se publicó) originalmente',
      'republicado',
      // German
      'quelle',
      '(?:zuerst|ursprünglich) erschienen',
      'dieser artikel erschien(?: zuerst| ursprünglich)?',
    ].join('|') +
    ')(?![\\p{L}\\p{N}])',
  'iu',
);

/**
 * Between a verb's lead and the name: "with permission", "under a Creative Commons licence", then
 * one preposition ("from", "by", "in", "عن", "из", "de", "bei"...). Only after a verb: a label's
 * name ("Source: In These Times") may itself start with one.
 */
const CREDIT_LINK =
  /^[\s:：\-–—,]*(?:(?:(?:with|by) (?:kind )?(?:permission|arrangement)(?: of)?|under (?:a )?creative commons licen[cs]e|avec (?:l'aimable )?autorisation|con (?:el )?permiso|mit (?:freundlicher )?genehmigung|с разрешения|з дозволу|ب[اإ]ذن)[\s,]*)?(?:(?:in (?:a )?partnership with|in collaboration with|courtesy of|in der|auf der|from|by|in|on|at|with|of|عن|من|في|على|со|с|из|в|на|із|з|у|depuis|dans|sur|par|de|en|por|bei|von|auf|im)(?:\s+|$)|d')?/iu;

/** Labels followed by the name ("Source: X", "المصدر: X"), as opposed to verbs ("Republished from X"). */
const CREDIT_LABEL = /^(?:sources?|via|المصدر|источник|джерело|fuente|quelle)$/iu;

/**
 * After the name: a picture credit ("| Jane Doe/Staff"), a date or time ("on March 3, 2026", "at
 * 7:03 p.m.", "3 мая 2026", ", May 3, 2026"), a licence, a second sentence.
 */
const CREDIT_TAIL = /\s+\|.*$|[,;]?\s+(?:on|at|am|le|el|du|del|в|від|في|بتاريخ)\s+[^,;]*\d.*$|,?\s+\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}.*$|,\s+\p{L}+\.?\s+\d{1,2},\s+\d{4}.*$|[,;]?\s+under (?:a )?creative commons.*$|(?<=\p{Ll}\p{Ll})[.!?]\s.*$/iu;

/** A date where the name would be: "on October 21, 2019", "Jan. 23, 2020", "21.10.2019". */
const DATE_START = /^[\s:,]*(?:on\s+)?(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d)/iu;

/**
 * The source an attribution line names: "Republished from The Conversation" → "The Conversation",
 * "نقلاً عن الجزيرة" → "الجزيرة", "Источник: «Коммерсантъ»" → "Коммерсантъ", a URL → its site.
 * Null when the line names none ("المصدر" alone) or is no attribution line.
 */
export function attributionCredit(line: string): string | null {
  if (!isAttributionLine(line)) return null;
  const t = line
    .normalize('NFKC')
    .replace(/[\u064B-\u065F\u0670\u0640\u200B-\u200F\u061C]/g, '')
    .replace(/[’ʼ`´]/g, "'")
    .replace(/^[\s•·|>»›\-–—*#▶►▸◆■□●○▪️+(]+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  const lead = CREDIT_LEAD.exec(t);
  if (lead === null) return null;
  const rest = t.slice(lead[0].length);
  // "This story was originally published on October 21, 2019": a date, no source named.
  if (DATE_START.test(rest)) return null;
  let name = (CREDIT_LABEL.test(lead[0]) ? rest.replace(/^[\s:：\-–—]+/u, '') : rest.replace(CREDIT_LINK, ''))
    .replace(CREDIT_TAIL, '')
    .replace(/[\s.,;:!)\]]+$/u, '')
    .trim();
  const quoted = /^[«"“„'](.+)[»"”']$/u.exec(name);
  if (quoted !== null) name = quoted[1]!.trim();
  if (!/[\p{L}\p{N}]/u.test(name)) return null;
  return /^https?:\/\//i.test(name) ? (siteOf(name) ?? name) : name;
}

// ------------------------------------------------------------------ notices
/** Messages a page shows instead of a player or widget, and skip links. */
const PLAYER_NOTICE =
  /^skip to (?:main )?(?:content|navigation|search)|^sign up for (?:our |the )?(?:free )?(?:\w+ )?(?:newsletters?|breaking news|alerts|updates)|(?:please )?enable javascript|javascript is (?:disabled|required|turned off)|browser (?:does not|doesn't) support|upgrad(?:e|ing) to a (?:web )?browser|supports? html5 video|^(?:تخطي|تجاوز|انتقل) (?:الي|إلى) المحتوى|^перейти к (?:содержимому|содержанию|основному)|^перейти до (?:вмісту|основного)|^aller au contenu|^passer au contenu|^ir al contenido|^saltar al contenido|^zum inhalt(?: springen)?$|^direkt zum inhalt|включите javascript|увімкніть javascript|activez javascript|activa javascript|aktivieren sie javascript/iu;

/**
 * Words each Latin alternative of PLAYER_NOTICE holds (its spaces single spaces, as in a key). In
 * an NFKC-stable line the others cannot match, and its key holds the line's words lower-cased: a
 * line whose key has none of these is no notice, and neither pattern need run.
 */
const PLAYER_NOTICE_WORDS = /skip to|sign up|javascript|browser|html5|contenu|contenido|inhalt/;

export function isPlayerNotice(line: string): boolean {
  const k = markerKey(line);
  if (isPlainProse(line) || (lastKeyWasStable(line) && !PLAYER_NOTICE_WORDS.test(k))) return false;
  return PLAYER_NOTICE.test(line) || PLAYER_NOTICE.test(k);
}

const COOKIE = /\bcookies?\b|ملفات تعريف الارتباط|الكوكيز|куки|файлы cookie|файли cookie|cookie-файл/iu;
const COOKIE_CONTEXT =
  /\b(?:use|uses|using|accept|consent|policy|website|site|experience|preferences|settings|utilise|utilisons|accepter|acceptez|politique|utiliza|utilizamos|aceptar|aceptas|política|sitio|verwendet|verwenden|nutzt|akzeptieren|datenschutz|website)\b|يستخدم|نستخدم|موقع|الموافقة|سياسة|использует|используем|сайт|согласие|политик|використовує|використовуємо|сайт|згоду|політик/iu;

/** A cookie notice: cookies named together with consent, policy or the site's use of them. */
export function isCookieNotice(line: string): boolean {
  // COOKIE's Latin alternatives all hold "cookie"; an NFKC-stable line can match no other, and its
  // key holds its words lower-cased.
  if (isPlainProse(line) || (lastKeyWasStable(line) && !markerKey(line).includes('cookie'))) return false;
  return COOKIE.test(line) && COOKIE_CONTEXT.test(line);
}

/** The words of PLAYER_NOTICE_WORDS, COOKIE (Latin) and LATIN_FOOTER_WORDS, for isPlainProse. */
const LATIN_FURNITURE_WORDS = new RegExp(`${PLAYER_NOTICE_WORDS.source}|cookie|${LATIN_FOOTER_WORDS.source}`);

/** How many words `key.split(' ')` gives, without the array. */
function wordCount(key: string): number {
  let n = 1;
  for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) n++;
  return n;
}
