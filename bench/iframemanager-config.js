// iframemanager 1.3 doing our embeds' job, for the bytes the bench compares
// (docs/explanation/size-and-speed.md "Embeds"): two services, YouTube and Google Maps, each
// with a notice, a load-once and an always-allow button, in Thai and English, the language of
// <html lang>. Only its size is measured.
/* global iframemanager */
const manager = iframemanager();
const notice = {
  th: (name) =>
    `เนื้อหานี้มาจาก ${name} เมื่อโหลด เบราว์เซอร์ของท่านจะส่งหมายเลขไอพี (IP Address) ของท่านไปยัง ${name} และ ${name} อาจตั้งคุกกี้ได้`,
  en: (name) =>
    `This content comes from ${name}. Loading it sends your IP address to ${name}, which may set cookies.`,
};
const languages = (name) => ({
  th: { notice: notice.th(name), loadBtn: 'โหลดเฉพาะรายการนี้', loadAllBtn: 'อนุญาตเสมอ' },
  en: { notice: notice.en(name), loadBtn: 'Load this one', loadAllBtn: 'Always allow' },
});
manager.run({
  currLang: document.documentElement.lang === 'en' ? 'en' : 'th',
  services: {
    youtube: {
      embedUrl: 'https://www.youtube-nocookie.com/embed/{data-id}',
      thumbnailUrl: 'https://i3.ytimg.com/vi/{data-id}/hqdefault.jpg',
      iframe: {
        allow: 'accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen',
      },
      cookie: { name: 'im_youtube' },
      languages: languages('YouTube'),
    },
    googlemaps: {
      embedUrl: 'https://www.google.com/maps/embed?pb={data-id}',
      iframe: { allow: 'fullscreen' },
      cookie: { name: 'im_googlemaps' },
      languages: languages('Google Maps'),
    },
  },
});
