// vanilla-cookieconsent 3.1 doing our banner's job, for `npm run bench`: same categories, same
// texts (src/i18n/th.ts, en.ts), a bottom bar, the language of <html lang>.
/* global CookieConsent */
CookieConsent.run({
  autoShow: true,
  // Its default hides the banner when navigator.webdriver is set, as it is under Playwright.
  hideFromBots: false,
  guiOptions: {
    consentModal: { layout: 'bar inline', position: 'bottom', equalWeightButtons: true },
    preferencesModal: { layout: 'box' },
  },
  categories: {
    necessary: { enabled: true, readOnly: true },
    logs: { enabled: true, readOnly: true },
    preferences: {},
    // The cookies ours clears when analytics is revoked.
    analytics: { autoClear: { cookies: [{ name: /^(_ga|_gid|_gat|_pk_)/ }] } },
  },
  language: {
    default: 'th',
    autoDetect: 'document',
    translations: {
      th: {
        consentModal: {
          title: 'คุกกี้และบันทึกการเข้าใช้งาน',
          description:
            'เว็บไซต์นี้ใช้คุกกี้เพื่อให้ทำงานได้และจดจำสิ่งที่เป็นประโยชน์เมื่อท่านกลับมาอีกครั้ง และเก็บบันทึกการเข้าใช้งาน (Log Files) ได้แก่ หมายเลขไอพี (IP Address) และเวลาที่เข้าใช้งาน คุกกี้ที่ไม่จำเป็นจะปิดไว้จนกว่าท่านจะเปิด <a href="/privacy">อ่านนโยบายความเป็นส่วนตัว</a>',
          acceptAllBtn: 'ยอมรับทั้งหมด',
          acceptNecessaryBtn: 'ปฏิเสธทั้งหมด',
          showPreferencesBtn: 'เลือกเอง',
        },
        preferencesModal: {
          title: 'ตั้งค่าคุกกี้และบันทึกการเข้าใช้งาน',
          acceptAllBtn: 'ยอมรับทั้งหมด',
          acceptNecessaryBtn: 'ปฏิเสธทั้งหมด',
          savePreferencesBtn: 'บันทึกการเลือก',
          closeIconLabel: 'ปิด',
          sections: [
            {
              description:
                'เลือกได้ว่าจะให้เว็บไซต์เก็บข้อมูลใดบ้าง รายการที่จำเป็นเปิดอยู่เสมอ ท่านเปลี่ยนการเลือกได้ทุกเมื่อ <a href="/privacy">อ่านนโยบายความเป็นส่วนตัว</a>',
            },
            {
              title: 'คุกกี้ที่จำเป็น',
              description: 'คุกกี้ที่เว็บไซต์ขาดไม่ได้ เช่น การเข้าสู่ระบบ และการจดจำการเลือกนี้',
              linkedCategory: 'necessary',
            },
            {
              title: 'บันทึกการเข้าใช้งาน (Log Files)',
              description:
                'เครื่องแม่ข่ายบันทึกหมายเลขไอพี เวลา และหน้าที่เข้าใช้งาน เพื่อความปลอดภัย และเพราะ พ.ร.บ. คอมพิวเตอร์ฯ กำหนดให้ผู้ให้บริการเก็บข้อมูลจราจรทางคอมพิวเตอร์ไว้ไม่น้อยกว่า 90 วัน',
              linkedCategory: 'logs',
            },
            {
              title: 'การตั้งค่าส่วนตัว',
              description: 'จดจำการตั้งค่า เช่น ภาษา สำหรับการเยี่ยมชมครั้งถัดไป',
              linkedCategory: 'preferences',
            },
            {
              title: 'สถิติผู้เยี่ยมชม',
              description: 'นับจำนวนผู้เยี่ยมชมและหน้าที่ถูกใช้งาน เพื่อปรับปรุงบริการ โดยใช้เป็นสถิติภาพรวมเท่านั้น',
              linkedCategory: 'analytics',
            },
          ],
        },
      },
      en: {
        consentModal: {
          title: 'Cookies and log files',
          description:
            'This site uses cookies to work and to remember what helps you next time, and keeps log files of each visit: your IP address and the time of access. Optional cookies stay off until you turn them on. <a href="/privacy">Read the privacy policy</a>',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Choose',
        },
        preferencesModal: {
          title: 'Cookie and log file settings',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save choices',
          closeIconLabel: 'Close',
          sections: [
            {
              description:
                'Choose what this site may collect. Required items are always on. You can change this at any time. <a href="/privacy">Read the privacy policy</a>',
            },
            {
              title: 'Necessary cookies',
              description:
                'Cookies the site cannot work without, such as signing in and storing this choice.',
              linkedCategory: 'necessary',
            },
            {
              title: 'Server log files',
              description:
                'The server records the IP address, time and page of each visit, for security and because the Computer-Related Crime Act requires keeping traffic data for at least 90 days.',
              linkedCategory: 'logs',
            },
            {
              title: 'Preferences',
              description: 'Remember your settings, such as language, for your next visit.',
              linkedCategory: 'preferences',
            },
            {
              title: 'Visitor statistics',
              description:
                'Count visitors and the pages they use, to improve the service. Used only as overall figures.',
              linkedCategory: 'analytics',
            },
          ],
        },
      },
    },
  },
});
