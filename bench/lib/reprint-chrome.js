// Page chrome of invented outlets for the text scrapes of the labelled reprint evaluation
// (bench/lib/generate-reprints.js): what a crawler's text dump of a news page holds besides the
// article. English, Arabic and Russian outlets, each with its own masthead, tagline, menu,
// dateline format (Arabic: Egyptian/Gulf and Levantine month names, Western and Arabic-Indic
// digits), byline, in-article furniture (advertisement marks, "read also" lines), share and
// follow lines, tags, a related-headlines feed, a newsletter appeal and footer lines. All the
// strings here were written for this evaluation; the outlets and people are invented.
//
// Per outlet the furniture is fixed (it is the outlet's template); per page the dateline, the
// feed (drawn from the outlet's own pool of headlines), the tags and the byline vary.

const EN = {
  outlets: [
    { name: 'Northgate Daily News', tagline: 'Independent reporting for the Northgate valley since 1911', host: 'northgatedaily.com' },
    { name: 'The Ridgeline Record', tagline: null, host: 'ridgelinerecord.com' },
    { name: 'Bayside Evening Post', tagline: 'Your evening paper, all day long', host: 'baysidepost.co.uk' },
    { name: 'The Copperfield Courier', tagline: 'News. Views. Community.', host: 'copperfieldcourier.com' },
    { name: 'Westmarch Telegraph', tagline: 'Trusted news for the West since 1887', host: 'westmarchtelegraph.co.uk' },
    { name: 'The Lantern Weekly', tagline: 'Shining a light on what matters', host: 'lanternweekly.org' },
    { name: 'Riverbend Today', tagline: null, host: 'riverbendtoday.news' },
    { name: 'Metro Pulse Online', tagline: 'The city, as it happens', host: 'metropulse.net' },
  ],
  menu: ['Home', 'News', 'Local', 'World', 'Politics', 'Business', 'Money', 'Sport', 'Opinion', 'Culture', 'Lifestyle', 'Weather', 'Obituaries', 'Video', 'Podcasts', 'Puzzles'],
  extraMenu: ['Subscribe', 'Sign in', 'Newsletters', 'e-Edition', 'Jobs', 'Contact us'],
  related: ['Related stories', 'More from this section', 'Read more', 'Popular now', 'Latest headlines', 'You might also like', 'Most read'],
  newsletter: [
    'Get our morning briefing in your inbox. Sign up now.',
    'Sign up for our free daily newsletter and never miss a story.',
    'Enjoying this article? Subscribe to our weekly newsletter.',
  ],
  share: ['Share this: Facebook · X · WhatsApp · Email', 'Share | Tweet | Email | Print', 'Share on Facebook  Share on X  Copy link'],
  follow: ['Follow us on Facebook, X and Instagram', 'Follow us for the latest updates', null],
  footer: ['About us | Contact | Advertise | Privacy policy | Terms of use', 'Careers · Corrections · Accessibility · Cookie settings', 'Help | Contact us | Advertise with us | Sitemap'],
  copyright: (o, y) => [`© ${y} ${o.name}. All rights reserved.`, `Copyright ${y} ${o.name} Media Group. All rights reserved.`, `© ${o.name} ${y - 3}-${y}`],
  ad: ['Advertisement', 'ADVERTISEMENT', 'Story continues below advertisement'],
  readAlso: (h) => `READ MORE: ${h}`,
  tags: (t) => `Tags: ${t.join(', ')}`,
  tagWords: ['politics', 'economy', 'health', 'courts', 'elections', 'education', 'climate', 'transport', 'housing', 'crime', 'technology', 'energy', 'trade', 'security', 'immigration'],
  byline: (n, r) => [`By ${n}`, `By ${n}, Staff Writer`, `${n} | Reporter`][r.int(3)],
  names: ['Maya Holloway', 'Derek Osei', 'Priya Raman', 'Tom Whitcombe', 'Sofia Marquez', 'Liam Gallagher', 'Hannah Becker', 'Marcus Reid', 'Ellen Park', 'Jonah Fielding'],
};

const AR_MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const AR_LEVANT = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'];
const AR_DAYS = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

const AR = {
  outlets: [
    { name: 'صحيفة الأفق الجديد', tagline: 'صحيفة عربية مستقلة تصدر يومياً', host: 'alofuq-news.com' },
    { name: 'بوابة المدينة الإخبارية', tagline: 'أخبار على مدار الساعة', host: 'madina-gate.net' },
    { name: 'جريدة صوت الوادي', tagline: 'الخبر كما هو', host: 'sawtalwadi.com' },
    { name: 'المرصد اليومي', tagline: null, host: 'almarsad-daily.com' },
    { name: 'شبكة أخبار الساحل', tagline: 'نافذتك على العالم العربي', host: 'sahil-news.net' },
    { name: 'موقع النبأ العاجل', tagline: 'من قلب الحدث إليك', host: 'alnabaa-now.com' },
    { name: 'الضفة اليوم', tagline: 'صوت الناس منذ عام 1999', host: 'aldaffa-today.ps' },
    { name: 'منارة الخليج', tagline: 'صحيفة إلكترونية شاملة', host: 'manarat-gulf.com' },
  ],
  menu: ['الرئيسية', 'أخبار محلية', 'عربي ودولي', 'سياسة', 'اقتصاد', 'رياضة', 'ثقافة وفنون', 'منوعات', 'صحة', 'تكنولوجيا', 'مقالات الرأي', 'فيديو', 'حوادث', 'تقارير', 'مجتمع', 'المرأة'],
  extraMenu: ['اتصل بنا', 'من نحن', 'الأرشيف', 'النسخة الورقية', 'English'],
  related: ['أخبار ذات صلة', 'اقرأ أيضاً', 'مواضيع ذات صلة', 'الأكثر قراءة', 'آخر الأخبار', 'قد يهمك أيضاً', 'المزيد من الأخبار'],
  newsletter: [
    'اشترك في النشرة البريدية ليصلك أهم الأخبار يومياً',
    'سجّل بريدك الإلكتروني لتصلك النشرة البريدية',
    'النشرة البريدية: أهم الأخبار في بريدك كل صباح',
  ],
  share: ['شارك الخبر: فيسبوك | تويتر | واتساب | تيليجرام', 'شارك: فيسبوك - إكس - واتساب - نسخ الرابط', 'مشاركة عبر: فيسبوك تويتر واتساب'],
  follow: ['تابعونا على فيسبوك وتويتر ويوتيوب', 'تابعوا آخر الأخبار عبر قناتنا على تيليجرام', null],
  footer: ['من نحن | اتصل بنا | أعلن معنا | سياسة الخصوصية | شروط الاستخدام', 'هيئة التحرير - خريطة الموقع - الأرشيف', 'سياسة الخصوصية | اتفاقية الاستخدام | اتصل بنا'],
  copyright: (o, y) => [`جميع الحقوق محفوظة © ${y} ${o.name}`, `© ${o.name} ${y} - جميع الحقوق محفوظة`, `جميع الحقوق محفوظة لـ${o.name} ${y - 4}-${y}`],
  ad: ['إعلان', '- إعلان -', 'مساحة إعلانية'],
  readAlso: (h) => `اقرأ أيضاً: ${h}`,
  tags: (t) => `الكلمات المفتاحية: ${t.join('، ')}`,
  tagWords: ['سياسة', 'اقتصاد', 'الحكومة', 'الانتخابات', 'الصحة', 'التعليم', 'النفط', 'الأمم المتحدة', 'الطاقة', 'الأسعار', 'البرلمان', 'المناخ', 'الأمن', 'الرياضة', 'الاستثمار'],
  byline: (n, r) => [`كتب: ${n}`, `بقلم: ${n}`, `متابعات - ${n}`][r.int(3)],
  names: ['محمد عبد الرحمن', 'سارة الخطيب', 'أحمد يوسف', 'ليلى حسن', 'خالد العمري', 'منى إبراهيم', 'عمر الحسيني', 'رنا عيسى', 'يوسف النجار', 'هدى سليمان'],
};

const RU_MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const RU_DAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];

const RU = {
  outlets: [
    { name: 'Вечерний курьер', tagline: 'Независимая ежедневная газета', host: 'vechkurier.ru' },
    { name: 'Приречные вести', tagline: 'Новости вашего города', host: 'prirechye-vesti.ru' },
    { name: 'Северный вестник', tagline: null, host: 'sever-vestnik.ru' },
    { name: 'Городские новости', tagline: 'Только проверенные факты', host: 'gorod-novosti.net' },
    { name: 'Деловой обозреватель', tagline: 'Пишем о главном с 1998 года', host: 'delobozr.ru' },
    { name: 'Новости Заречья', tagline: 'Информационный портал региона', host: 'zarechye-news.ru' },
  ],
  menu: ['Главная', 'Новости', 'Политика', 'Экономика', 'Общество', 'Происшествия', 'Спорт', 'Культура', 'Наука', 'Мнения', 'Фото', 'Видео', 'Регионы', 'В мире', 'Здоровье'],
  extraMenu: ['Подписка', 'Войти', 'Архив', 'Контакты', 'Реклама'],
  related: ['Читайте также', 'Похожие материалы', 'Самое читаемое', 'Другие новости рубрики', 'Новости партнёров', 'Главное за день'],
  newsletter: [
    'Подпишитесь на нашу рассылку, чтобы получать главные новости дня',
    'Получайте новости первыми — подпишитесь на наш канал в Telegram',
    'Рассылка: самое важное за неделю в вашем почтовом ящике',
  ],
  share: ['Поделиться: ВКонтакте · Одноклассники · Telegram · WhatsApp', 'Поделитесь новостью в соцсетях', 'Поделиться | ВК | ОК | Telegram'],
  follow: ['Подписывайтесь на нас в Telegram и ВКонтакте', 'Следите за новостями в нашем Дзене', null],
  footer: ['О проекте | Редакция | Реклама | Контакты | Политика конфиденциальности', 'Пользовательское соглашение · Карта сайта · Вакансии', 'Редакция | Правила использования материалов | 18+'],
  copyright: (o, y) => [
    `© ${y} ${o.name}. Все права защищены.`,
    `© ${o.name}, ${y - 5}–${y}. При полном или частичном использовании материалов ссылка на «${o.name}» обязательна.`,
    `Сетевое издание «${o.name}». Все права защищены, ${y}.`,
  ],
  ad: ['Реклама', 'РЕКЛАМА', 'Продолжение после рекламы'],
  readAlso: (h) => `Читайте также: ${h}`,
  tags: (t) => `Теги: ${t.join(', ')}`,
  tagWords: ['политика', 'экономика', 'общество', 'выборы', 'здравоохранение', 'образование', 'транспорт', 'ЖКХ', 'энергетика', 'бюджет', 'суд', 'экология', 'безопасность', 'спорт', 'наука'],
  byline: (n, r) => [`Автор: ${n}`, `Текст: ${n}`, `${n}, корреспондент`][r.int(3)],
  names: ['Иван Петров', 'Анна Смирнова', 'Сергей Кузнецов', 'Ольга Васильева', 'Дмитрий Соколов', 'Елена Морозова', 'Андрей Волков', 'Наталья Павлова', 'Павел Орлов', 'Мария Лебедева'],
};

export const CHROME = { en: EN, ar: AR, ru: RU };

// Headline pools for the Arabic and Russian feeds: subject × predicate, each outlet its own share.
const AR_SUBJECTS = ['وزير الخارجية', 'رئيس الوزراء', 'البرلمان', 'البنك المركزي', 'مجلس الأمن', 'الاتحاد الأوروبي', 'صندوق النقد الدولي', 'المتحدث باسم الحكومة', 'وزير المالية', 'محافظ العاصمة', 'الدفاع المدني', 'اتحاد كرة القدم', 'مجلس النواب', 'وزير الصحة'];
const AR_PREDICATES = [
  'يعلن عن خطة جديدة لدعم المشروعات الصغيرة',
  'يحذر من ارتفاع أسعار الوقود خلال الأشهر المقبلة',
  'يبحث مع وفد أوروبي سبل تعزيز التعاون',
  'يدعو إلى وقف فوري لإطلاق النار',
  'يناقش مشروع قانون الموازنة العامة للعام المقبل',
  'يكشف تفاصيل جديدة حول أزمة المياه',
  'يطلق حملة وطنية لمكافحة التضخم',
  'يستقبل سفراء الدول العربية في مقر الوزارة',
  'يؤكد استمرار العمل على إصلاح منظومة الكهرباء',
  'ينفي الأنباء المتداولة عن رفع الضرائب',
  'يوقع اتفاقية لإنشاء ميناء تجاري جديد',
  'يرحب بنتائج القمة الإقليمية الأخيرة',
  'يصدر قراراً بتمديد ساعات العمل في المعابر',
  'يطالب بتحقيق عاجل في حادث الطريق الدولي',
];
const RU_SUBJECTS = ['Правительство', 'Минфин', 'Госдума', 'Центробанк', 'Мэрия', 'Совет Федерации', 'Минздрав', 'Губернатор области', 'Прокуратура', 'Минтранс', 'Городская дума', 'Роспотребнадзор', 'Минобрнауки', 'Следственный комитет'];
const RU_PREDICATES = [
  'обсуждает новые меры поддержки малого бизнеса',
  'предлагает изменить порядок выплаты пособий',
  'проверяет жалобы жителей на качество дорог',
  'объявляет о запуске новой программы для молодых семей',
  'готовит поправки к закону о местном самоуправлении',
  'оценивает ущерб от весеннего паводка',
  'выделяет средства на ремонт школ и больниц',
  'продлевает сроки приёма заявлений до конца месяца',
  'призывает жителей не выезжать на лёд',
  'отчитывается о росте доходов регионального бюджета',
  'рассматривает вопрос о повышении тарифов',
  'начинает проверку после аварии на теплотрассе',
  'подводит итоги отопительного сезона',
  'меняет правила парковки в центре города',
];

/** Every subject × predicate headline, in a fixed order. */
export function composedHeadlines(lang) {
  const [subjects, predicates] = lang === 'ar' ? [AR_SUBJECTS, AR_PREDICATES] : [RU_SUBJECTS, RU_PREDICATES];
  const out = [];
  for (let p = 0; p < predicates.length; p++) for (let s = 0; s < subjects.length; s++) out.push(`${subjects[(s + p) % subjects.length]} ${predicates[p]}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// datelines

const AR_INDIC = '٠١٢٣٤٥٦٧٨٩';
const toArabicDigits = (s) => s.replace(/[0-9]/g, (d) => AR_INDIC[Number(d)]);
const p2 = (n) => String(n).padStart(2, '0');

function dateline(lang, fmt, d, r, arabicDigits) {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const wd = d.getUTCDay();
  const hh = 6 + r.int(16);
  const mm = p2(r.int(60));
  let s;
  if (lang === 'en') {
    const M = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const W = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    s = [
      `${W[wd]}, ${M[m]} ${day}, ${y}`,
      `Published ${day} ${M[m]} ${y}, ${p2(hh)}:${mm}`,
      `${M[m].slice(0, 3)} ${day}, ${y} ${hh > 12 ? hh - 12 : hh}:${mm} ${hh >= 12 ? 'PM' : 'AM'} ET`,
      `Updated: ${y}-${p2(m + 1)}-${p2(day)}`,
      `${p2(day)}/${p2(m + 1)}/${y}`,
    ][fmt % 5];
  } else if (lang === 'ar') {
    const ampm = hh >= 12 ? 'م' : 'ص';
    const h12 = hh > 12 ? hh - 12 : hh;
    s = [
      `${AR_DAYS[wd]} ${day} ${AR_MONTHS[m]} ${y} - ${h12}:${mm} ${ampm}`,
      `نشر في: ${day} ${AR_LEVANT[m]} ${y}`,
      `آخر تحديث: ${y}/${p2(m + 1)}/${p2(day)} الساعة ${p2(hh)}:${mm}`,
      `${AR_DAYS[wd]}، ${day} ${AR_MONTHS[m]} ${y}`,
      `${p2(day)}-${p2(m + 1)}-${y} | ${p2(hh)}:${mm}`,
      `تاريخ النشر: ${AR_DAYS[wd]} ${day} ${AR_LEVANT[m]} ${y}`,
    ][fmt % 6];
    if (arabicDigits) s = toArabicDigits(s);
  } else {
    s = [
      `${day} ${RU_MONTHS[m]} ${y}, ${p2(hh)}:${mm}`,
      `Опубликовано: ${p2(day)}.${p2(m + 1)}.${y} в ${p2(hh)}:${mm}`,
      `${RU_DAYS[wd]}, ${day} ${RU_MONTHS[m]} ${y} г.`,
      `${p2(day)}.${p2(m + 1)}.${y} ${p2(hh)}:${mm} | Обновлено: ${p2(day)}.${p2(m + 1)}.${y} ${p2(Math.min(23, hh + 2))}:${mm}`,
      `${y}-${p2(m + 1)}-${p2(day)} ${p2(hh)}:${mm} МСК`,
    ][fmt % 5];
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// outlets and pages

/**
 * The scrape outlets: per language of chrome, its outlets with their fixed furniture. `feeds` maps
 * a language to a list of headlines to deal out (each outlet takes its own disjoint share, at most
 * 30). Deterministic for a given rng state.
 */
export function scrapeOutlets(r, feeds) {
  const out = [];
  for (const lang of ['en', 'ar', 'ru']) {
    const c = CHROME[lang];
    const pool = r.shuffle(feeds[lang].slice());
    const feedSize = Math.min(30, Math.floor(pool.length / c.outlets.length));
    c.outlets.forEach((o, i) => {
      const menu = r.shuffle(c.menu.slice()).slice(0, 6 + r.int(6));
      const y = 2024 + r.int(2);
      out.push({
        key: `scrape-${lang}-${i}`,
        lang,
        name: o.name,
        host: o.host,
        tagline: o.tagline,
        menu,
        extraMenu: r() < 0.5 ? r.shuffle(c.extraMenu.slice()).slice(0, 3) : null,
        menuStyle: r.int(4), // 0: one line with pipes, 1: one line with spaces, 2: one item a line, 3: two lines
        dateFormat: r.int(6),
        arabicDigits: lang === 'ar' && r() < 0.4,
        dateFirst: r() < 0.6,
        byline: r() < 0.7,
        ad: r() < 0.5 ? r.pick(c.ad) : null,
        readAlso: r() < 0.4,
        share: r.pick(c.share),
        follow: r.pick(c.follow),
        tags: r() < 0.5,
        related: r.pick(c.related),
        feedCount: 4 + r.int(5),
        feed: pool.slice(i * feedSize, (i + 1) * feedSize),
        newsletter: r() < 0.7 ? r.pick(c.newsletter) : null,
        footer: r.pick(c.footer),
        copyright: r.pick(c.copyright(o, y)),
      });
    });
  }
  return out;
}

function menuLines(o) {
  const items = o.menu;
  switch (o.menuStyle) {
    case 0:
      return [items.join(' | ')];
    case 1:
      return [items.join('  ')];
    case 2:
      return items.slice();
    default: {
      const half = Math.ceil(items.length / 2);
      return [items.slice(0, half).join(' | '), items.slice(half).join(' | ')];
    }
  }
}

/**
 * A text scrape: masthead, tagline, menu, dateline, headline, byline, body (with the outlet's
 * advertisement mark and "read also" line inside), share, tags, related feed, newsletter, follow,
 * footer. `page`: { title, paragraphs, date }.
 */
export function renderScrape(o, page, r) {
  const c = CHROME[o.lang];
  const L = [o.name];
  if (o.tagline) L.push(o.tagline);
  if (o.extraMenu) L.push(o.extraMenu.join(' | '));
  L.push(...menuLines(o), '');
  const date = dateline(o.lang, o.dateFormat, page.date, r, o.arabicDigits);
  if (o.dateFirst) L.push(date);
  L.push(page.title);
  if (o.byline) L.push(c.byline(r.pick(c.names), r));
  if (!o.dateFirst) L.push(date);
  L.push('');
  const n = page.paragraphs.length;
  const adAt = o.ad && n >= 4 ? 1 + r.int(n - 2) : -1;
  const alsoAt = o.readAlso && n >= 3 ? 1 + r.int(n - 1) : -1;
  page.paragraphs.forEach((p, i) => {
    if (i === adAt) L.push(o.ad, '');
    if (i === alsoAt) L.push(c.readAlso(r.pick(o.feed)), '');
    L.push(p, '');
  });
  L.push(o.share);
  if (o.tags) L.push(c.tags(r.shuffle(c.tagWords.slice()).slice(0, 2 + r.int(3))));
  L.push('', o.related);
  const feed = r.shuffle(o.feed.slice()).slice(0, o.feedCount);
  L.push(...feed, '');
  if (o.newsletter) L.push(o.newsletter);
  if (o.follow) L.push(o.follow);
  L.push(o.footer, o.copyright, '');
  return L.join('\n');
}

/** A line crediting the original outlet, in the page's language. */
export function attributionLine(lang, source, r) {
  const lines = {
    en: [`Republished from ${source}.`, `This article first appeared on ${source} and is republished here with permission.`, `Originally published by ${source}.`],
    ar: [`نُشر هذا المقال في الأصل على موقع ${source}`, `المصدر: ${source}`, `أعيد نشره بإذن من ${source}`],
    ru: [`Материал впервые опубликован на сайте «${source}».`, `Источник: ${source}`, `Перепечатано с разрешения редакции «${source}».`],
  };
  return r.pick(lines[lang] ?? lines.en);
}

/** An editor's note before an added intro paragraph, in the page's language. */
export function introLead(lang, r) {
  const lines = {
    en: ["Editor's note:", 'Analysis:', 'Background:', 'From our partners:'],
    ar: ['ملاحظة المحرر:', 'تحليل:', 'خلفية:', 'من شركائنا:'],
    ru: ['От редакции:', 'Контекст:', 'Справка:', 'Материал партнёров:'],
  };
  return r.pick(lines[lang] ?? lines.en);
}
