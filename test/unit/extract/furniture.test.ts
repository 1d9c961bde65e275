/** Furniture rules in any script: word lists that match whole lines only, and the structure rules. */
import { describe, expect, it } from 'vitest';
import { classifyLine, isHeadlineLike, mayHaveNoSpaceScript, removeFurniture, wordUnits } from '../../../src/extract/furniture.js';

describe('word lists in seven languages, whole lines only', () => {
  it.each([
    // related, read also, most read, latest
    'أخبار ذات صلة', 'الأكثر قراءة', 'آخر الأخبار', 'Похожие новости', 'Самое читаемое', 'Найпопулярніше', 'Articles liés',
    'Les plus lus', 'Noticias relacionadas', 'Lo más leído', 'Ähnliche Artikel', 'Meistgelesen', 'Related Articles',
    // newsletter, follow us, share, tags, comments
    'النشرة البريدية', 'اشترك في نشرتنا البريدية لتصلك أهم الأخبار يوميا', 'تابعونا على فيسبوك', 'Рассылка',
    'Подпишитесь на наш канал в Telegram', 'Підписуйтесь на нас у Telegram', 'Suivez-nous sur Facebook', 'Síguenos en X',
    'Folgen Sie uns auf Instagram', 'شارك هذا المقال', 'Поделиться статьёй', 'Partager cet article', 'Artikel teilen',
    'الوسوم', 'Теги: транспорт, трамвай, Новоречинск', 'Mots-clés : tramway, mobilité', 'التعليقات', 'Комментарии', 'Kommentare',
  ])('%s is a section marker', (line) => {
    expect(classifyLine(line)).toBe('marker');
  });

  it.each([
    'إغلاق', 'Закрыть', 'Закрити', 'Fermer', 'Cerrar', 'Schließen', 'شارك', 'Поделиться', 'Поділитися', 'Partager', 'Compartir',
    'Teilen', 'إعلان', 'Реклама', 'Publicité', 'Publicidad', 'Anzeige', 'اقرأ المزيد', 'Читать далее', 'Lire la suite', 'Leer más',
    'Weiterlesen', '12 تعليقا', '5 комментариев', 'البريد الإلكتروني', 'اشترك', 'Подписаться',
    // footers: copyright, all rights reserved, reprint terms
    '© 2026 الأفق اليوم. جميع الحقوق محفوظة', 'جميع الحقوق محفوظة لصدى الساحل ٢٠٢٦', '© 2026 «Вечерний курьер». Все права защищены.',
    'Усі права захищено', 'Tous droits réservés', '© 2026 El Diario. Todos los derechos reservados.', 'Alle Rechte vorbehalten.',
    'При использовании материалов ссылка на «Вечерний курьер» обязательна.',
    // where the copy came from
    'Источник: Вечерний курьер', 'نقلا عن وكالة الأنباء الرسمية', 'Republished from Eurasianet', 'Quelle: dpa', 'Fuente: EFE',
  ])('%s is a crumb', (line) => {
    expect(classifyLine(line)).toBe('crumb');
  });

  it.each([
    'اقرأ أيضاً', 'اقرأ أيضا: وزير المالية يعلن خطة لخفض العجز', 'Читайте также', 'Читайте также: Как изменятся тарифы ЖКХ с 1 июля',
    'Читайте також', 'À lire aussi', 'Sur le même sujet', 'Lee también', 'Mehr zum Thema',
    'Lesen Sie auch: Annalena Baerbock: Kinder, Ausbildung, Politik – alle wichtigen Infos',
  ])('%s is a "read also" line: removed, with no cut', (line) => {
    expect(classifyLine(line)).toBe('see-also');
  });

  it('reads cookie notices in other languages', () => {
    expect(classifyLine('يستخدم هذا الموقع ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك على الموقع.')).toBe('cookie');
    expect(classifyLine('Мы используем файлы cookie, чтобы сайт работал лучше.')).toBe('cookie');
    expect(classifyLine('Wir verwenden Cookies, um unsere Website für Sie zu verbessern.')).toBe('cookie');
  });

  it.each([
    // the phrase inside a sentence is the article's
    'وقال الوزير إن أخبار ذات صلة بالمشروع ستنشر لاحقا على موقع الوزارة.',
    'Читайте также интервью с мэром, которое мы опубликовали вчера вечером.',
    "Les plus lus des romans de l'année ont tous été écrits par des femmes.",
    'قال المحامي إن جميع الحقوق محفوظة للمؤلف بموجب العقد.',
    'Он сказал, что реклама на остановках появится не раньше весны.',
    'Die Kommentare der Leser waren überwiegend positiv, sagte die Sprecherin.',
  ])('keeps a sentence that contains a listed phrase: %s', (line) => {
    expect(classifyLine(line)).toBe('text');
  });
});

describe('menus and share bars on one line', () => {
  it.each([
    'الرئيسية | محليات | اقتصاد | عربي ودولي | رياضة',
    'شارك: فيسبوك | تويتر | واتساب | تلغرام',
    'Главная › Город › Транспорт',
    'О редакции | Реклама | Контакты | Политика конфиденциальности',
    'Accueil » International » Europe',
    'Analysis | Reporting | Middle East',
  ])('%s is a menu', (line) => {
    expect(classifyLine(line)).toBe('menu');
  });

  it.each([
    '«Спартак» обыграл «Зенит» в Москве',
    'Цены | на бензин в области выросли на три процента за неделю',
    'The harbour / the town / the sea: a year of change on the coast, in pictures and words.',
  ])('%s is not', (line) => {
    expect(classifyLine(line)).not.toBe('menu');
  });
});

describe('headline-like lines in any script', () => {
  it('needs no capital letter in a script without case', () => {
    expect(isHeadlineLike('وزير المالية يعلن خطة لخفض العجز خلال ثلاث سنوات')).toBe(true);
    expect(isHeadlineLike('هل تنجح المفاوضات التجارية في خفض أسعار الأدوية؟')).toBe(true);
    expect(isHeadlineLike('Городская больница получила новый аппарат МРТ')).toBe(true);
    expect(isHeadlineLike('南海トラフ、一時調査 巨大地震、基準達せず')).toBe(true);
  });

  it('takes closing punctuation in any script as prose', () => {
    expect(isHeadlineLike('وزير المالية يعلن خطة لخفض العجز خلال ثلاث سنوات.')).toBe(false);
    expect(isHeadlineLike('وزير المالية يعلن خطة لخفض العجز خلال ثلاث سنوات،')).toBe(false);
    expect(isHeadlineLike('وزير المالية يعلن خطة لخفض العجز خلال ثلاث سنوات۔')).toBe(false);
    expect(isHeadlineLike('南海トラフの調査は一時的に行われ、基準に達しなかった。')).toBe(false);
    // two sentences in one line
    expect(isHeadlineLike('بدأ الموسم مبكرا. وقال المزارعون إن المحصول أقل')).toBe(false);
    // in a script with case, still a capital first
    expect(isHeadlineLike('городская больница получила новый аппарат МРТ')).toBe(false);
  });

  it('counts words in scripts written without spaces by characters', () => {
    expect(wordUnits('وزير المالية يعلن خطة')).toBe(4);
    expect(wordUnits('南海トラフ 一時調査')).toBe(5);
  });
});

const ARTICLE_AR = [
  'افتتحت وزارة الموارد المائية، صباح الثلاثاء، محطة جديدة لتحلية مياه البحر في مدينة النخيل الساحلية بطاقة إنتاجية كبيرة.',
  '',
  'وقال وزير الموارد المائية سامر الخطيب، خلال حفل الافتتاح، إن المحطة ستغطي احتياجات نحو أربعمئة ألف نسمة في المدينة.',
  '',
  'مراحل المشروع',
  '',
  'وبحسب بيان صادر عن الوزارة، تعتمد المحطة على تقنية التناضح العكسي، وتستهلك طاقة أقل بنحو الثلث مقارنة بالمحطات القديمة.',
];

describe('structure first: feeds, menus and link lists without any word list', () => {
  it('drops a feed of Arabic headlines after the article and keeps a lone subheading', () => {
    const feed = [
      'وزير المالية يعلن خطة لخفض العجز خلال ثلاث سنوات',
      'ارتفاع أسعار الذهب في السوق المحلية للأسبوع الثالث على التوالي',
      'هل تنجح المفاوضات التجارية في خفض أسعار الأدوية؟',
      'البنك المركزي يبقي أسعار الفائدة دون تغيير',
    ];
    const out = removeFurniture([...ARTICLE_AR, '', ...feed]);
    expect(out).toEqual(ARTICLE_AR);
  });

  it('drops runs of short lines before the body and after it, not inside it', () => {
    const menu = ['أخبار', 'سياسة', 'اقتصاد', 'مجتمع', 'رياضة'];
    const out = removeFurniture([...menu, '', ...ARTICLE_AR, '', 'من نحن', 'اتصل بنا', 'سياسة الخصوصية', 'شروط الاستخدام']);
    expect(out).toEqual(ARTICLE_AR);
    // A short list inside the article is the article's.
    const list = ['ألماتي', 'أكتاو', 'أكتوبي'];
    const inside = [...ARTICLE_AR.slice(0, 4), ...list, '', ...ARTICLE_AR.slice(4)];
    expect(removeFurniture(inside)).toEqual(inside);
  });

  it('in HTML, drops a run of linked Arabic headlines and keeps a list of short links (an article may list its sources)', () => {
    const prose = 'A paragraph of article prose that carries the story forward, sentence after sentence.';
    const feed = ['وزير المالية يعلن خطة لخفض العجز خلال ثلاث سنوات', 'ارتفاع أسعار الذهب في السوق المحلية للأسبوع الثالث', 'البنك المركزي يبقي أسعار الفائدة دون تغيير'];
    expect(removeFurniture([prose, ...feed, prose], { linkShare: [0, 1, 1, 1, 0] })).toEqual([prose, prose]);
    expect(removeFurniture([prose, ...feed, prose], { linkShare: [0, 0, 0, 0, 0] })).toEqual([prose, ...feed, prose]);
    const apps = ['BBEdit', 'Acorn', 'MarsEdit', 'Transmit'];
    expect(removeFurniture([prose, ...apps, prose], { linkShare: [0, 1, 1, 1, 1, 0] })).toEqual([prose, ...apps, prose]);
  });

  it('cuts the tail at a marker in another language', () => {
    const lines = [...ARTICLE_AR, '', 'النشرة البريدية', 'سجل بريدك لتصلك الأخبار', 'آخر الأخبار', 'خبر أول قصير جدا'];
    expect(removeFurniture(lines)).toEqual(ARTICLE_AR);
  });

  it('leaves the paragraphs after an inline "read also" box alone', () => {
    const lines = [...ARTICLE_AR, '', 'اقرأ أيضا', '', 'فقرة أخيرة من المقال تختم القصة بعد صندوق الإحالة إلى خبر آخر في الموقع.'];
    expect(removeFurniture(lines)).toEqual([...ARTICLE_AR, '', lines[lines.length - 1]]);
  });

  it('drops timestamps and reading times above the article in other languages', () => {
    for (const stamp of ['آخر تحديث: 10:45', 'Обновлено 14:20', 'Время чтения: 3 мин', 'Temps de lecture : 4 min']) {
      expect(removeFurniture([stamp, '', ...ARTICLE_AR])).toEqual(ARTICLE_AR);
    }
  });
});

describe('mayHaveNoSpaceScript: the cheap scan before the script pattern', () => {
  it('is true for every character of a script written without spaces', () => {
    const noSpaces = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
    const missed: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      if (noSpaces.test(ch) && !mayHaveNoSpaceScript(ch)) missed.push(c.toString(16));
    }
    expect(missed).toEqual([]);
  });

  it('wordUnits counts words split at the same whitespace as /\\s+/', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      if (mayHaveNoSpaceScript(s)) continue;
      if (wordUnits(s) !== s.split(/\s+/).filter(Boolean).length) expect(c.toString(16)).toBe('');
    }
  });
});
