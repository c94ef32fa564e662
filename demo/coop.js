// The co-operative page's Thai/English switch. Texts live in the markup as
// data-lang-text="ภาษาไทย|English"; the banner follows through its `lang` attribute.
// With "preferences" granted the chosen language is remembered for the next visit, and
// forgotten when that consent is withdrawn: the demo of what the preferences category is for.
(() => {
  'use strict';

  const STORAGE_KEY = 'coop-lang';
  const TITLES = {
    th: 'สหกรณ์ออมทรัพย์ข้าราชการสหกรณ์ จำกัด (หน้าสาธิต)',
    en: "Co-operative Officials' Savings Co-operative Ltd. (demo)",
  };

  const storage = {
    get() {
      try {
        return localStorage.getItem(STORAGE_KEY);
      } catch {
        return null; // storage blocked: nothing remembered
      }
    },
    set(value) {
      try {
        if (value === null) localStorage.removeItem(STORAGE_KEY);
        else localStorage.setItem(STORAGE_KEY, value);
      } catch {
        // storage blocked: the choice lasts for this page only
      }
    },
  };

  const banner = () => document.querySelector('consent-banner');
  const preferencesGranted = () => {
    const el = banner();
    return Boolean(el && typeof el.isGranted === 'function' && el.isGranted('preferences'));
  };

  function apply(lang) {
    const index = lang === 'en' ? 1 : 0;
    document.documentElement.lang = lang;
    document.title = TITLES[lang];
    for (const node of document.querySelectorAll('[data-lang-text]')) {
      const text = node.dataset.langText.split('|')[index];
      if (text) node.textContent = text;
    }
    banner()?.setAttribute('lang', lang);
    const toggle = document.querySelector('[data-lang-toggle]');
    if (toggle) {
      toggle.textContent = lang === 'en' ? 'ภาษาไทย' : 'English';
      toggle.lang = lang === 'en' ? 'th' : 'en';
    }
  }

  document.addEventListener('click', (event) => {
    if (!(event.target instanceof Element) || !event.target.closest('[data-lang-toggle]')) return;
    const lang = document.documentElement.lang === 'en' ? 'th' : 'en';
    apply(lang);
    if (preferencesGranted()) storage.set(lang);
  });

  document.addEventListener('consent-ready', (event) => {
    const saved = storage.get();
    if (event.detail?.categories?.preferences && (saved === 'th' || saved === 'en')) apply(saved);
  });

  document.addEventListener('consent-change', (event) => {
    if (event.detail?.categories?.preferences) storage.set(document.documentElement.lang);
    else storage.set(null);
  });
})();
