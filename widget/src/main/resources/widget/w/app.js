/* Hearth chat app: the survivor's side of docs/protocol.md, in the loader's iframe (docs/widget.md).
   Rules: text only through textContent (messages are untrusted); nothing kept but the resume token, in
   sessionStorage; quick exit always one click or two Escapes away. */
(function () {
  'use strict';
  var d = document, ss = window.sessionStorage;
  var TOKEN = 'hearth.token';
  var embedded = window.parent !== window;
  var $ = function (id) { return d.getElementById(id); };

  // The loader passes the snippet's data-* here; anyone can frame /w/, so each is checked before use.
  var params = new URLSearchParams(location.search);
  var lang = primary(params.get('lang') || navigator.language);
  // The snippet's data-program (none: the hub's default program); the hub checks it, here it is a URL parameter.
  var PROGRAM = 'hearth.program';
  var pageProgram = inProgram(params.get('program'));
  // A warm referral moved this session's chat to another program: a reload resumes it there.
  var program = ss.getItem(TOKEN) && inProgram(ss.getItem(PROGRAM)) || pageProgram;
  function inProgram(id) { return id ? '&program=' + encodeURIComponent(id) : ''; }
  var texts = {};
  var status = {};
  var languages = []; // the hub's: [{code, name, dir}], from status
  var exitUrl = isWeb(params.get('exitUrl')) ? params.get('exitUrl') : null; // the lead's quickExitUrl wins

  // Embedded, the panel opens from our launcher; standalone, it is always open.
  var open = !embedded;
  var opened = false; // since this page loaded: only then does Escape twice mean quick exit
  var unread = 0;
  var styled = false;
  var booted = false;

  // One conversation at a time. Messages are rendered once, by seq; unacked ones wait in the outbox.
  var token = ss.getItem(TOKEN);
  var ws = null;
  var starting = false;
  var exiting = false, elsewhere = '';
  var lastSeq = 0;
  var seen = new Set();
  var outbox = [];
  var advocate = null;
  var queue = null;
  var attempt = 0;
  var retryTimer = null;
  var resendTimer = null;
  var typingTimer = null;
  var lastTypingSent = 0;
  var lastEsc = -1e4; // event timestamps start near 0: one early Escape must not count as two
  var current = null;
  var referrals = [];
  var feedbackTicket = null;
  var offer = null; // a warm referral waiting for the survivor's answer

  function isWeb(u) { return /^https?:\/\//i.test(u || ''); }

  // "es-MX" → "es". The hub's list (with status) has the last word: a language it lacks becomes English.
  function primary(l) {
    var m = /^([a-z]{2,3})(?:[-_]|$)/i.exec(l || '');
    return m ? m[1].toLowerCase() : 'en';
  }

  // ---- texts -------------------------------------------------------------------------------

  function t(key, vars) {
    var s = texts[key];
    if (typeof s !== 'string') return '';
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vars && vars[k] != null ? vars[k] : m; });
  }

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function loadTexts() {
    var want = lang;
    return fetch('/w/i18n/' + want + '.json', { credentials: 'omit' }).then(function (r) {
      if (!r.ok && want !== 'en') { lang = 'en'; return loadTexts(); } // no texts for it here
      return r.json().then(function (j) { if (want === lang) { texts = j; applyTexts(); } });
    });
  }

  function loadStatus() {
    var want = lang;
    return fetch('/api/v1/status?lang=' + want + program, { credentials: 'omit', cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) throw r.status;
        return r.json();
      })
      .then(function (s) {
        status = s || {};
        if (Array.isArray(status.languages)) languages = status.languages;
        if (isWeb(status.quickExitUrl)) exitUrl = status.quickExitUrl;
        referrals = status.referrals || [];
        applyLook();
        applyTexts();
        // the hub speaks another language than asked (it has no bundle for it): follow it
        if (typeof status.lang === 'string' && status.lang !== want && want === lang) { lang = primary(status.lang); return loadTexts(); }
      });
  }

  function widgetText(name) {
    var w = status.widget || {};
    return typeof w[name] === 'string' && w[name].trim() ? w[name].trim() : null;
  }

  // The snippet's data-color, else the lead's.
  function applyLook() {
    var c = [params.get('color'), (status.widget || {}).primaryColor].filter(function (x) { return /^#[0-9a-f]{6}$/i.test(x || ''); })[0];
    if (!c) return;
    var n = parseInt(c.slice(1), 16);
    var bright = ((n >> 16) * 299 + (n >> 8 & 255) * 587 + (n & 255) * 114) / 1000 > 150;
    // CSSOM, not a style attribute: allowed by the CSP
    d.documentElement.style.setProperty('--primary', c);
    d.documentElement.style.setProperty('--on-primary', bright ? '#111' : '#fff');
  }

  // Everything that shows text is redrawn from state, so switching language is just a redraw.
  function applyTexts() {
    d.documentElement.lang = lang;
    d.documentElement.dir = languageOf(lang).dir === 'rtl' ? 'rtl' : 'ltr';
    d.title = t('pageTitle') || 'Chat';
    d.querySelectorAll('[data-t]').forEach(function (e) { e.textContent = t(e.getAttribute('data-t')); });
    d.querySelectorAll('[data-t-label]').forEach(function (e) {
      e.setAttribute('aria-label', t(e.getAttribute('data-t-label')));
    });
    renderLanguages();
    $('title').textContent = widgetText('title') || t('title');
    $('min').hidden = !embedded;
    renderNotice();
    renderIntroWait();
    renderReopen();
    renderQueue();
    renderChatHeading();
    renderReferrals();
    setConn(ws && ws.readyState === 1 ? '' : $('conn').getAttribute('data-state'));
    paintLauncher();
  }

  // ---- the launcher (embedded) -------------------------------------------------------------

  // The snippet's data-position, else the lead's, else right.
  function side() {
    var p = /^(left|right)$/.test(params.get('position') || '') ? params.get('position') : (status.widget || {}).position;
    return p === 'left' ? 'left' : 'right';
  }

  function paintLauncher() {
    var b = $('launcher'), title = widgetText('title') || t('title');
    // unread while minimized: a count, never the message
    b.textContent = unread ? t('launcherUnread', { title: title, count: unread }) : title;
    b.setAttribute('aria-expanded', String(open));
    b.hidden = !embedded || !styled || !booted;
    d.documentElement.classList.toggle('left', side() === 'left');
    fit();
  }

  // Asks the loader for a frame the size of what shows (the launcher, or the panel above it); the margins
  // leave room for the focus ring. An open panel shows even without app.css: its header has Quick exit.
  function fit() {
    if (!embedded || !booted) return;
    var shown = !$('launcher').hidden, b = $('launcher').getBoundingClientRect();
    var w = Math.ceil(b.width) + 12, h = shown ? Math.ceil(b.height) + 12 : 0;
    // The frame's title (screen readers on the host page read it) is the chat's title in its language.
    if (open) tell('hearth:size', { w: 380, h: 600 + h, left: side() === 'left', t: d.title });
    else if (shown) tell('hearth:size', { w: w, h: h, left: side() === 'left', t: d.title });
  }

  function setOpen(want, focus) {
    open = want || !embedded;
    if (open) { opened = true; unread = 0; }
    $('panel').hidden = !open;
    paintLauncher();
    if (!focus) return;
    if (open) focusScreen({ preventScroll: true }); // the frame grows after this: no scrolling for the small one
    else $('launcher').focus();
  }

  // A bare cue of something new from the advocate or the hub, counted while minimized.
  function cue() {
    if (open) return;
    unread++;
    paintLauncher();
  }

  function languageOf(code) {
    return languages.filter(function (l) { return l && l.code === code; })[0] || {};
  }

  // One button for each other language the hub speaks, in its own name, script direction and voice.
  function renderLanguages() {
    var box = $('langs'), key = lang + ':' + JSON.stringify(languages);
    if (box.getAttribute('data-for') === key) return; // unchanged: keep the buttons (and focus)
    box.setAttribute('data-for', key);
    box.textContent = '';
    languages.forEach(function (l) {
      if (!l || typeof l.code !== 'string' || typeof l.name !== 'string' || l.code === lang) return;
      var b = el('button', 'link', l.name);
      b.type = 'button';
      b.lang = l.code;
      b.dir = l.dir === 'rtl' ? 'rtl' : 'ltr';
      b.addEventListener('click', function () { switchLang(l.code, b); });
      box.appendChild(b);
    });
  }

  function renderNotice() {
    var box = $('notice');
    box.textContent = '';
    var custom = widgetText('notice');
    var paras = custom ? custom.split(/\n\s*\n/) : (Array.isArray(texts.notice) ? texts.notice : []);
    paras.forEach(function (p) { box.appendChild(el('p', null, p)); });
  }

  function waitText(secs) {
    if (secs == null) return t('waitUnknown');
    if (secs < 60) return t('waitUnderMinute');
    var m = Math.round(secs / 60);
    return m === 1 ? t('waitOneMinute') : t('waitMinutes', { n: m });
  }

  // Open but nobody on shift: lead with the other ways in; starting (and waiting) stays possible.
  function renderIntroWait() {
    var alone = status.open && status.staffed === false;
    $('unstaffed').hidden = !alone;
    $('intro-wait').textContent = status.open && !alone && status.queueLength > 0
      ? t('introWait', { wait: waitText(status.estimatedWaitSeconds) }) : '';
  }

  // In the program's own zone, named, with "today"/"tomorrow" as the hub reckons them there; a later
  // day gets its date too ("Thursday" said on a Thursday means next week).
  function renderReopen() {
    $('reopen').textContent = reopenText(status);
  }

  // s: a status or a referral offer ({opensAt, opensDay, timeZone}).
  function reopenText(s) {
    var at = s.opensAt ? new Date(s.opensAt) : null;
    var o = { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }, day = s.opensDay;
    try { o.timeZone = s.timeZone; at.toLocaleString(lang, o); } catch (e) { delete o.timeZone; }
    if (!day) { o.weekday = 'long'; o.month = 'long'; o.day = 'numeric'; }
    return at && !isNaN(at) ? t(day === 'today' ? 'reopenToday' : day === 'tomorrow' ? 'reopenTomorrow' : 'reopen',
      { when: at.toLocaleString(lang, o) }) : '';
  }

  function renderQueue() {
    if (!queue) return;
    var alone = queue.staffed === false;
    $('position').textContent = queue.position > 1
      ? t('position', { n: queue.position }) : t('positionNext');
    $('wait').textContent = alone ? t('waitUnstaffed') : t('estimatedWait', { wait: waitText(queue.estimatedWaitSeconds) });
  }

  function renderChatHeading() {
    $('chat-h').textContent = advocate ? t('chattingWith', { name: advocate }) : t('waitingHeading');
    $('waiting').hidden = !!advocate;
  }

  function renderReferrals() {
    d.querySelectorAll('.refs').forEach(function (ul) {
      ul.textContent = '';
      referrals.forEach(function (r) { var li = referral(r); if (li) ul.appendChild(li); });
    });
  }

  // Hotlines: tap to call, tap to text. The lead's referrals and those an advocate sends in the chat
  // are both untrusted here: links are only tel:/sms: of digits and https addresses, words only text.
  // "Text START to 88788" links to the last number in it; a description that merely names a number
  // ("call 911") is no invitation to text it.
  function referral(r) {
    if (!r || typeof r.name !== 'string' || !r.name) return null;
    var li = el('li', 'ref');
    li.appendChild(el('strong', null, r.name));
    if (str(r.phone)) li.appendChild(dialLink('tel:', r.phone, t('call', { phone: r.phone })));
    if (str(r.sms)) li.appendChild(dialLink('sms:', r.sms, t('text', { phone: r.sms })));
    if (str(r.text)) {
      var nums = r.text.match(/\+?\d[\d ().-]{1,}\d/g);
      var bare = r.text.replace(/[\d ()+.-]/g, '') === '';
      if (nums && !str(r.sms) && (bare || /\b(text|sms)/i.test(r.text))) {
        li.appendChild(dialLink('sms:', nums[nums.length - 1], bare ? t('text', { phone: r.text }) : r.text));
      } else {
        li.appendChild(el('span', null, r.text));
      }
    }
    if (str(r.url) && /^https:\/\/[^\s\\]+$/i.test(r.url)) {
      var a = el('a', null, t('website', { name: r.name }));
      a.href = r.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      li.appendChild(a);
    }
    return li;
  }

  function str(v) { return typeof v === 'string' && v.trim() !== ''; }

  // A number with fewer than three digits is no number to dial: its words are shown, not linked.
  function dialLink(scheme, number, text) {
    var digits = number.replace(/[^\d+]/g, '');
    if (!/^\+?\d{3,}$/.test(digits)) return el('span', null, text);
    var a = el('a', null, text);
    a.href = scheme + digits;
    return a;
  }

  // ---- screens -----------------------------------------------------------------------------

  function show(name, focus) {
    current = name;
    d.querySelectorAll('.screen').forEach(function (s) { s.hidden = s.id !== 's-' + name; });
    if (focus !== false) focusScreen();
  }

  function focusScreen(how) {
    if (current === 'chat' && !$('composer').hidden) $('input').focus(how);
    else {
      var h = d.querySelector('#s-' + current + ' h2');
      if (h) h.focus(how);
    }
  }

  function showWelcome(focus) {
    if (status.open === false) show('closed', focus);
    else {
      $('start').disabled = false;
      $('intro-error').textContent = '';
      $('intro-help').hidden = true;
      show('intro', focus);
    }
  }

  function setConn(state) {
    var c = $('conn');
    c.setAttribute('data-state', state || '');
    c.textContent = state ? t(state) : '';
    c.hidden = !state;
  }

  // ---- socket ------------------------------------------------------------------------------

  function send(frame) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(frame)); return true; }
    return false;
  }

  function connect() {
    clearTimeout(retryTimer);
    var proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    var s = ws = new WebSocket(proto + '//' + location.host + '/ws/survivor' + program.replace('&', '?'));
    s.onopen = function () {
      if (token) send({ type: 'resume', token: token, lastSeq: lastSeq });
      else send({ type: 'start', lang: lang });
    };
    s.onmessage = function (e) {
      if (s !== ws || exiting) return;
      var f;
      try { f = JSON.parse(e.data); } catch (err) { return; }
      if (f && typeof f.type === 'string') receive(f);
    };
    s.onclose = function (e) {
      if (s !== ws || exiting) return;
      ws = null;
      // 4409: the chat went on in another tab; a click here takes it back
      if (e.code == 4409) setConn(elsewhere = 'elsewhere');
      else if (token) reconnectLater();
      else if (starting) failStart('connectFailed');
    };
  }

  // Exponential backoff, 0.5 s doubling to 8 s, with jitter so that a hub restart is not stampeded.
  function reconnectLater() {
    setConn('reconnecting');
    var cap = Math.min(8000, 500 * Math.pow(2, attempt++));
    retryTimer = setTimeout(connect, cap / 2 + Math.random() * cap / 2);
  }

  function hangUp() {
    var s = ws;
    ws = null;
    clearTimeout(retryTimer);
    if (s) s.close();
  }

  window.addEventListener('online', function () { if (token && !ws && !elsewhere) connect(); });
  function takeBack() { if (elsewhere && !exiting) { elsewhere = ''; setConn('connecting'); connect(); } }
  d.addEventListener('click', takeBack);
  window.addEventListener('focus', takeBack);

  function receive(f) {
    switch (f.type) {
      case 'challenge':
        solve(f);
        break;
      case 'started':
        starting = false;
        setConn('');
        token = f.token;
        ss.setItem(TOKEN, token);
        attempt = 0;
        queue = { position: f.position, estimatedWaitSeconds: f.estimatedWaitSeconds, staffed: f.staffed };
        enterChat(true);
        break;
      case 'resumed':
        attempt = 0;
        setConn('');
        if (f.state === 'ended') { finish('ended', null); break; }
        if (f.state === 'queued' && f.position != null) {
          queue = { position: f.position, staffed: f.staffed,
            estimatedWaitSeconds: 'estimatedWaitSeconds' in f ? f.estimatedWaitSeconds : queue && queue.estimatedWaitSeconds };
        }
        if (f.advocate) advocate = f.advocate;
        if (f.state === 'active' && !advocate) advocate = t('advocate');
        if (current !== 'chat') enterChat(false);
        renderQueue();
        renderChatHeading();
        flushOutbox();
        break;
      case 'closed':
        starting = false;
        hangUp();
        if (Array.isArray(f.referrals)) referrals = f.referrals;
        status.open = false;
        if (f.opensAt) { status.opensAt = f.opensAt; status.opensDay = f.opensDay; status.timeZone = f.timeZone; }
        renderReferrals();
        renderReopen();
        show('closed');
        break;
      case 'queue':
        queue = { position: f.position, estimatedWaitSeconds: f.estimatedWaitSeconds, staffed: f.staffed };
        renderQueue();
        break;
      case 'assigned':
        advocate = f.advocate || t('advocate');
        lastTypingSent = 0; // typing while queued reached no one: show the advocate the next keystroke
        renderChatHeading();
        addLine('system', null, t('joined', { name: advocate }));
        cue();
        break;
      case 'message':
        if (typeof f.seq !== 'number' || seen.has(f.seq)) return;
        seen.add(f.seq);
        lastSeq = Math.max(lastSeq, f.seq);
        if (f.from === 'survivor') {
          // Ours, stored before the connection dropped but never acked: settle it (by the clientId the hub
          // echoes; two pending messages may share a text), don't draw it twice.
          var mine = outbox.filter(function (m) { return m.clientId === f.clientId; })[0];
          if (mine) { acked(mine.clientId, f.seq); break; }
        }
        showTyping(false);
        var line = addLine(f.from === 'survivor' ? 'me' : f.from === 'system' ? 'system' : 'them', f.at, f.text);
        if (Array.isArray(f.referrals) && f.referrals.length) {
          // Items replace their plain-text copy (kept for clients that know no items).
          var ul = el('ul', 'chat-refs');
          ul.dir = 'auto'; // as the message's own text
          f.referrals.forEach(function (r) { var li = referral(r); if (li) ul.appendChild(li); });
          if (ul.firstChild) line.replaceChild(ul, line.querySelector('.text'));
        }
        if (f.from !== 'survivor') cue();
        break;
      case 'ack':
        acked(f.clientId, f.seq);
        break;
      case 'typing':
        showTyping(true);
        break;
      case 'video':
        offerVideo(f);
        break;
      case 'ended':
        if (f.reason === 'safety_exit') quickExit();
        else if (f.reason !== 'quick_exit') finish(f.reason, f.feedbackTicket);
        break;
      case 'error':
        onError(f);
        break;
      case 'referral.offer':
        offerReferral(f);
        break;
      case 'referral.closed':
        closeReferral(f);
        break;
      case 'moved':
        moved(f);
        break;
    }
  }

  // ---- warm referral (hub strings are text; a closed or unstaffed partner is told before the question)

  function offerReferral(f) {
    offer = f;
    var name = { agency: f.agency, reopen: reopenText(f) };
    $('referral-agency').textContent = t('referralAgency', name);
    $('referral-reason').textContent = f.reason || '';
    $('referral-go').textContent = t('referralGo', name);
    d.querySelector('#s-referral input').checked = true;
    var notice = f.open === false ? t('referralClosed', name) : f.staffed === false ? t('referralUnstaffed', name) : '';
    $('referral-notice-text').textContent = notice;
    $('referral-notice').hidden = !notice;
    $('referral-ask').hidden = !!notice;
    show('referral', true);
    cue();
  }

  function answerReferral(accept) {
    var frame = { type: 'referral.answer', offer: offer && offer.offer, accept: accept };
    if (accept) frame.share = d.querySelector('#s-referral input:checked').value;
    if (offer && send(frame) && !accept) closeReferral(offer);
  }

  function closeReferral(f) {
    if (!offer || f.offer !== offer.offer) return;
    offer = null;
    if (f.state && f.state !== 'declined') addLine('system', null, t('referralGone'));
    if (current === 'referral') enterChat(true);
  }

  function moved(f) {
    offer = null;
    hangUp();
    program = inProgram(f.program);
    ss.setItem(PROGRAM, f.program);
    ss.setItem(TOKEN, token = f.token);
    seen = new Set();
    lastSeq = 0;
    advocate = null;
    $('log').textContent = '';
    queue = f;
    addLine('system', null, t('referralMoved', f));
    enterChat(true);
    loadStatus().catch(function () {});
    connect();
  }

  // A busy hub, or many chats from one network, asks for a proof of work: a nonce such that
  // SHA-256(challenge + ":" + nonce) starts with `bits` zero bits. Web Crypto is fastest with many digests
  // in flight; a pause between batches keeps the page responsive (and Quick exit at hand).
  function solve(f) {
    var s = ws, n = 0, enc = new TextEncoder();
    if (!starting) return;
    if (!window.crypto || !crypto.subtle) return failStart('startFailed');
    setConn('connecting');
    function zeros(b) {
      for (var i = 0, z = 0; i < b.length; i++, z += 8) if (b[i]) return z + Math.clz32(b[i]) - 24;
      return z;
    }
    function hash(nonce) {
      return crypto.subtle.digest('SHA-256', enc.encode(f.challenge + ':' + nonce)).then(function (h) {
        return zeros(new Uint8Array(h)) >= f.bits ? String(nonce) : null;
      });
    }
    (function batch() {
      if (s !== ws || !starting) return;
      var tries = [];
      for (var i = 0; i < 4096; i++) tries.push(hash(n++));
      Promise.all(tries).then(function (found) {
        var proof = found.filter(function (x) { return x; })[0];
        if (!proof) return setTimeout(batch, 0);
        setConn('');
        send({ type: 'start', lang: lang, proof: proof });
      }).catch(function () { failStart('startFailed'); });
    })();
  }

  function onError(f) {
    var code = f.code;
    if (code === 'unknown_token') {
      // the chat ended while we were away (or expired): start clean
      forget();
      loadStatus().catch(function () {}).then(function () {
        showWelcome();
        $('intro-error').textContent = t('previousEnded');
      });
    } else if (code === 'closed' && (starting || current === 'intro')) {
      receive({ type: 'closed' });
    } else if (starting || current === 'intro') {
      // Refused (too many chats from this network, or a surge): say why, and where else to turn.
      if (Array.isArray(f.referrals)) { referrals = f.referrals; renderReferrals(); }
      if (f.reason === 'surge') failStart('refusedSurge');
      else if (f.reason) failStart('refusedSource');
      else failStart(code === 'queue_full' ? 'queueFull' : 'startFailed');
    } else if (code === 'rate_limited' || code === 'unavailable') {
      // Not taken (too fast, or the hub's store is failing over): what is unsent goes again by itself,
      // with the same clientIds, so each message arrives once.
      $('chat-error').textContent = t(code === 'rate_limited' ? 'rateLimited' : 'somethingWrong');
      retrySoon();
    } else {
      $('chat-error').textContent = t(code === 'too_large' ? 'tooLarge' : 'somethingWrong');
    }
  }

  function failStart(key) {
    starting = false;
    hangUp();
    setConn('');
    $('intro-error').textContent = t(key);
    $('intro-help').hidden = /Failed$/.test(key);
    $('start').disabled = false;
    if (current !== 'intro') show('intro');
    $('intro-error').scrollIntoView({ block: 'nearest' });
  }

  function tell(type, extra) {
    if (!embedded) return;
    // Only the frame's size and title and the exit URL travel, so any host origin may read them.
    window.parent.postMessage(Object.assign({ type: type }, extra), '*');
  }

  // ---- chat --------------------------------------------------------------------------------

  function enterChat(focus) {
    $('chat-error').textContent = '';
    $('composer').hidden = false;
    $('confirm').hidden = true;
    $('end').hidden = false;
    renderQueue();
    renderChatHeading();
    show('chat', focus);
  }

  function addLine(kind, at, text) {
    var log = $('log');
    var li = el('div', 'msg ' + kind);
    var who = kind === 'me' ? t('you') : kind === 'them' ? advocate || t('advocate') : null;
    if (who) li.appendChild(el('span', 'who', who));
    li.appendChild(el('p', 'text', text == null ? '' : String(text))).dir = 'auto'; // each message in its own direction
    var meta = el('span', 'meta');
    var when = at ? new Date(at) : null;
    if (when && !isNaN(when)) meta.textContent = when.toLocaleTimeString(lang, { hour: 'numeric', minute: '2-digit' });
    li.appendChild(meta);
    log.appendChild(li);
    $('talk').scrollTop = $('talk').scrollHeight;
    return li;
  }

  function newClientId() {
    var b = new Uint8Array(12);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }

  function setState(item, key) {
    item.li.querySelector('.meta').textContent = t(key);
    item.li.classList.toggle('pending', key !== 'stateSent');
  }

  function submitMessage(e) {
    e.preventDefault();
    var input = $('input');
    var text = input.value.trim();
    if (!text) return;
    var item = { clientId: newClientId(), text: text.slice(0, 4000) };
    item.li = addLine('me', null, item.text);
    outbox.push(item);
    input.value = '';
    if (send({ type: 'message', clientId: item.clientId, text: item.text })) setState(item, 'stateSending');
    else setState(item, 'stateQueued');
  }

  // After a reconnect: resend everything unacked, same clientId, so the hub delivers each once.
  // One at a time: each resends the whole outbox.
  function retrySoon() {
    if (resendTimer) return;
    resendTimer = setTimeout(function () {
      resendTimer = null;
      flushOutbox();
    }, 3000);
  }

  function flushOutbox() {
    outbox.forEach(function (item) {
      if (send({ type: 'message', clientId: item.clientId, text: item.text })) setState(item, 'stateSending');
    });
  }

  function acked(clientId, seq) {
    for (var i = 0; i < outbox.length; i++) {
      if (outbox[i].clientId !== clientId) continue;
      var item = outbox.splice(i, 1)[0];
      if (typeof seq === 'number') {
        seen.add(seq);
        item.li.setAttribute('data-seq', seq);
      }
      setState(item, 'stateSent');
      $('chat-error').textContent = '';
      return;
    }
  }

  function showTyping(on) {
    clearTimeout(typingTimer);
    $('typing').textContent = on ? t('typing', { name: advocate || t('advocate') }) : '';
    if (on) typingTimer = setTimeout(function () { showTyping(false); }, 6000);
  }

  function onInput() {
    var now = Date.now();
    if (now - lastTypingSent > 3000 && $('input').value && send({ type: 'typing' })) lastTypingSent = now;
  }

  function onInputKey(e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  }

  // video.js (window.HearthVideo) adds the join buttons and owns the call.
  function offerVideo(v) {
    var li = addLine('system video', null, t(v.media === 'audio' ? 'voiceOffer' : 'videoOffer', { name: advocate || t('advocate') }));
    if (window.HearthVideo) window.HearthVideo.offer(v, li, t);
  }

  function askEnd() {
    $('confirm').hidden = false;
    $('end').hidden = true;
    $('end-no').focus();
  }

  function cancelEnd() {
    $('confirm').hidden = true;
    $('end').hidden = false;
    $('end').focus();
  }

  function confirmEnd() {
    // With the socket down the hub hears it by beacon. Either way nothing stays here.
    if (!send({ type: 'end' })) { beacon('end'); finish('survivor', null); }
  }

  // The hub hears an exit or end by the chat's token while the socket is down: a beacon outlives this page.
  // Beside an open socket too (its link may be dead unseen): the second to arrive finds the chat ended.
  function beacon(kind) {
    if (token) navigator.sendBeacon('/api/v1/' + kind + program.replace('&', '?'), JSON.stringify({ token: token }));
  }

  function forget() {
    if (window.HearthVideo) window.HearthVideo.close();
    token = null;
    ss.removeItem(TOKEN);
    ss.removeItem(PROGRAM);
    program = pageProgram;
    offer = null;
    hangUp();
    setConn('');
    outbox = [];
    seen = new Set();
    lastSeq = 0;
    advocate = null;
    queue = null;
    showTyping(false);
    $('log').textContent = '';
  }

  // ---- the end -----------------------------------------------------------------------------

  // The conversation stays on screen (in this page's memory only) until the survivor closes it.
  function finish(reason, ticket) {
    var kept = $('kept-log');
    kept.textContent = '';
    while ($('log').firstChild) kept.appendChild($('log').firstChild);
    // the words stay; a video call and its buttons end with the chat
    kept.querySelectorAll('.video-call, .video-join, .video-tab').forEach(function (e) { e.remove(); });
    $('kept').hidden = !kept.firstChild;
    forget();
    $('ended-reason').textContent = t('reason_' + reason) || t('reason_ended');
    var form = $('feedback');
    form.reset();
    form.hidden = !ticket;
    feedbackTicket = ticket || null;
    $('feedback-error').textContent = '';
    $('feedback-thanks').textContent = '';
    show('ended');
  }

  function submitFeedback(e) {
    e.preventDefault();
    var form = $('feedback');
    var rating = form.querySelector('input[name=rating]:checked');
    var helped = form.querySelector('input[name=helped]:checked');
    if (!rating || !helped) { $('feedback-error').textContent = t('feedbackIncomplete'); return; }
    fetch('/api/v1/feedback' + program.replace('&', '?'), {
      method: 'POST',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ticket: feedbackTicket,
        rating: Number(rating.value),
        helped: helped.value === 'yes'
      })
    }).then(function (r) {
      if (!r.ok) throw r.status;
      form.hidden = true;
      feedbackTicket = null; // a ticket works once
      $('feedback-thanks').textContent = t('feedbackThanks');
      $('again').focus();
    }).catch(function () {
      $('feedback-error').textContent = t('feedbackFailed');
    });
  }

  function closeKept() {
    $('kept-log').textContent = '';
    $('kept').hidden = true;
  }

  // Back may bring this page back whole (back/forward cache): an ended chat goes, as on a reload.
  window.addEventListener('pagehide', function () {
    if (token || exiting || current !== 'ended') return;
    closeKept();
    showWelcome(false);
    setOpen(false, false);
  });

  function startOver() {
    closeKept();
    loadStatus().catch(function () {}).then(function () { showWelcome(); });
  }

  // ---- quick exit --------------------------------------------------------------------------

  // Tell the hub, wipe everything, and have the loader replace the host page (Back won't return).
  function quickExit() {
    if (exiting) return;
    exiting = true;
    if (window.HearthVideo) window.HearthVideo.close();
    try { send({ type: 'exit' }); beacon('exit'); } catch (err) { /* leaving anyway */ }
    clearTimeout(retryTimer);
    ss.clear();
    d.body.textContent = '';
    var url = exitUrl || 'about:blank';
    if (!embedded) { location.replace(url); return; }
    tell('hearth:exit', { url: url });
    // Without our loader (someone framed /w/ directly) at least leave this frame.
    setTimeout(function () {
      try { window.top.location.replace(url); } catch (err) { location.replace(url); }
    }, 500);
  }

  // Escape twice within a second, here or on the host page (the loader relays those), once the
  // survivor has opened the chat or has one going: not for a visitor who never touched it.
  function escape() {
    var at = performance.now();
    if (!opened && !token) return;
    if (at - lastEsc < 1000) quickExit();
    lastEsc = at;
  }

  function onKey(e) {
    if (e.key === 'Escape') escape();
  }

  // The host page (only the parent) may ask for nothing but that: it could leave by itself anyway.
  window.addEventListener('message', function (e) {
    if (embedded && e.source === window.parent && e.data === 'hearth:escape') escape();
  });

  // ---- wiring ------------------------------------------------------------------------------

  // Focus stays on the switch: on the button that now stands where the pressed one was.
  function switchLang(code, pressed) {
    var at = Array.prototype.indexOf.call($('langs').children, pressed);
    lang = code;
    Promise.all([loadTexts(), loadStatus().catch(function () {})]).then(function () {
      var buttons = $('langs').children;
      var b = buttons[Math.min(Math.max(at, 0), buttons.length - 1)];
      if (b) b.focus();
    });
  }

  function start() {
    if (starting) return;
    starting = true;
    $('start').disabled = true;
    $('intro-error').textContent = '';
    $('intro-help').hidden = true;
    connect();
  }

  d.addEventListener('keydown', onKey, true);
  $('exit').addEventListener('click', quickExit);
  $('min').addEventListener('click', function () { setOpen(false, true); });
  $('launcher').addEventListener('click', function () { setOpen(!open, true); });
  $('start').addEventListener('click', start);
  $('composer').addEventListener('submit', submitMessage);
  $('input').addEventListener('input', onInput);
  $('input').addEventListener('keydown', onInputKey);
  $('end').addEventListener('click', askEnd);
  $('end-no').addEventListener('click', cancelEnd);
  $('end-yes').addEventListener('click', confirmEnd);
  $('feedback').addEventListener('submit', submitFeedback);
  $('again').addEventListener('click', startOver);
  $('referral-next').addEventListener('click', function () { $('referral-notice').hidden = true; $('referral-ask').hidden = false; $('referral-h').focus(); });
  $('referral-go').addEventListener('click', function () { answerReferral(true); });
  $('referral-stay').addEventListener('click', function () { answerReferral(false); });
  $('kept-close').addEventListener('click', function () { closeKept(); $('ended-h').focus(); });

  // A stylesheet that failed (a flaky link on reload, a 429 while the old page's socket still counts) would
  // paint the chat unstyled: <main> shows once app.css applies (body is a flex box), fetched again until then.
  function whenStyled(done, wait) {
    if (getComputedStyle(d.body).display === 'flex') return done();
    var link = el('link');
    link.rel = 'stylesheet';
    link.href = '/w/app.css?retry=' + Date.now();
    link.onload = function () { whenStyled(done, wait); };
    link.onerror = function () {
      link.remove();
      setTimeout(function () { whenStyled(done, Math.min(8000, wait * 2)); }, wait);
    };
    d.head.appendChild(link);
  }
  if (embedded) d.documentElement.classList.add('embedded');
  $('panel').hidden = !open;
  whenStyled(function () { $('main').hidden = false; styled = true; paintLauncher(); }, 500);

  // Boot: texts first; status may fail (hub busy) and the chat can still try to start.
  var statusLoad = loadStatus().catch(function () { status = {}; });
  Promise.all([loadTexts(), statusLoad]).then(function () {
    var focus = !embedded;
    booted = true;
    paintLauncher();
    if (token) {
      setOpen(true, false); // a reload mid-chat reopens the panel; the chat resumes
      enterChat(focus);
      setConn('reconnecting');
      connect();
    } else {
      showWelcome(focus);
    }
  });
})();
