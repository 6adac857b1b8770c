/* Hearth loader: the hub's chat (/w/) in an iframe. docs/widget.md */
(function () {
  'use strict';
  var d = document, w = window, ss = sessionStorage, KEY = 'hearth';
  var me = d.currentScript || d.querySelector('script[src$="/widget.js"]');
  if (!me || w.hearthLoaded) return;
  w.hearthLoaded = 1;
  var hub = new URL(me.src, location.href).origin;
  var o = me.dataset;
  var lang = encodeURIComponent(o.lang || navigator.language || '');
  var side = o.position, color = o.color, exitUrl = o.exitUrl, title;
  var btn, frame, lastEsc = -1e4, timer, unread = 0;
  var expanded = function (v) { btn.setAttribute('aria-expanded', v); };
  var isUrl = function (u) { return /^https?:\/\//i.test(u); };
  var css = function (el, s) { Object.assign(el.style, s); };

  function paint() {
    var c = /^#[0-9a-f]{6}$/i.test(color) ? color : '#5b2a86', n = parseInt(c.slice(1), 16);
    // dark text on light colours (YIQ) for AA contrast
    var fg = ((n >> 16) * 299 + (n >> 8 & 255) * 587 + (n & 255) * 114) / 1000 > 150 ? '#111' : '#fff';
    var at = side === 'left' ? ['left', 'right'] : ['right', 'left'];
    // unread while minimized: a count, never the message
    btn.textContent = (title || 'Chat') + (unread ? ' (' + unread + ')' : '');
    css(btn, { position: 'fixed', bottom: '16px', zIndex: 2147483647, background: c, color: fg,
      border: '2px solid ' + fg, borderRadius: '24px', padding: '12px 20px',
      font: 'bold 16px sans-serif' });
    [btn, frame].forEach(function (el) { if (el) { el.style[at[0]] = '8px'; el.style[at[1]] = ''; } });
  }

  function open(quiet) {
    if (!frame) {
      frame = d.createElement('iframe');
      frame.id = 'hearth-chat';
      frame.title = 'Chat';
      frame.src = hub + '/w/?lang=' + lang;
      frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups ' +
        'allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation');
      frame.setAttribute('allow', 'camera; microphone'); // for the video call
      frame.setAttribute('referrerpolicy', 'no-referrer');
      css(frame, { position: 'fixed', bottom: '72px', zIndex: 2147483647, border: '1px solid #555',
        width: 'min(380px, calc(100vw - 16px))', height: 'min(600px, calc(100vh - 88px))' });
      // focus once loaded, unless reopened by a reload
      frame.onload = function () { if (!quiet) post('hearth:focus'); };
      d.body.appendChild(frame);
    } else if (!quiet) post('hearth:focus');
    frame.style.display = 'block';
    unread = 0;
    paint();
    expanded(true);
    if (!quiet) frame.focus();
  }

  function hide() {
    frame.style.display = 'none';
    expanded(false);
    btn.focus();
  }

  function post(type) { if (frame) frame.contentWindow.postMessage({ type: type }, hub); }

  // Quick exit: replace this page (Back won't return)
  function leave(url) {
    clearTimeout(timer);
    ss.removeItem(KEY);
    if (frame) frame.remove();
    btn.remove();
    location.replace(isUrl(url) ? url : isUrl(exitUrl) ? exitUrl : 'about:blank');
  }

  w.addEventListener('message', function (e) {
    var m = e.data || {};
    if (e.origin !== hub || !frame || e.source !== frame.contentWindow) return;
    if (m.type === 'hearth:exit') leave(m.url);
    if (m.type === 'hearth:close') hide();
    if (m.type === 'hearth:unread' && frame.style.display == 'none') unread++, paint();
    // while a chat lives, a reload in this tab reopens it (and it resumes)
    if (m.type === 'hearth:active') ss.setItem(KEY, '1');
    if (m.type === 'hearth:idle') ss.removeItem(KEY);
  });

  function init() {
    btn = d.createElement('button');
    btn.type = 'button';
    expanded(false);
    btn.onclick = function () { if (frame && frame.style.display !== 'none') hide(); else open(); };
    // Escape twice: the chat tells the hub, but we wait at most 300 ms
    d.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || !frame) return;
      if (e.timeStamp - lastEsc < 1000) { post('hearth:quick-exit'); timer = setTimeout(leave, 300); }
      lastEsc = e.timeStamp;
    }, true);
    paint();
    d.body.appendChild(btn);
    if (ss.getItem(KEY)) open(true);
    // the lead's looks (status allows CORS)
    fetch(hub + '/api/v1/status?lang=' + lang)
      .then(function (r) { return r.json(); })
      .then(function (s) {
        var l = s.widget || {};
        side = side || l.position;
        color = color || l.primaryColor;
        title = l.title;
        if (isUrl(s.quickExitUrl)) exitUrl = s.quickExitUrl;
        paint();
      }, function () {});
  }

  if (d.body) init(); else d.addEventListener('DOMContentLoaded', init);
})();
