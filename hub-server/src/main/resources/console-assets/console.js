/*
 * The advocate console: one WebSocket to /ws/advocate per program whose queue the advocate takes
 * (docs/protocol.md, "Advocate side"), the shift controls, the live queue, and one tab per held chat.
 *
 * Safety rules kept here:
 *  - Survivor and settings text is only ever put into the page with textContent / value, never as HTML.
 *  - Escape closes a list or dialog and does nothing else: no key ends a chat. Ending, safety exit and
 *    block each ask once in a dialog whose default (Escape, Cancel) is to do nothing.
 *  - Notifications say only that someone is waiting, never anything from the chat.
 */
(function () {
  'use strict';
  var H = window.Hearth;
  var t = H.t;
  var root = document.getElementById('console');
  var videoEnabled = root.dataset.video === 'on';
  var maxCapacity = parseInt(root.dataset.maxCapacity, 10) || 5;

  var el = {
    shiftStatus: document.getElementById('shift-status'),
    capacity: document.getElementById('capacity'),
    shiftToggle: document.getElementById('shift-toggle'),
    langs: Array.prototype.slice.call(document.querySelectorAll('input[name="lang"]')),
    sound: document.getElementById('alert-sound'),
    desktop: document.getElementById('alert-desktop'),
    connection: document.getElementById('connection'),
    queue: document.getElementById('queue'),
    queueCount: document.getElementById('queue-count'),
    queueOff: document.getElementById('queue-off'),
    queueEmpty: document.getElementById('queue-empty'),
    tabs: document.getElementById('chat-tabs'),
    panels: document.getElementById('chat-panels'),
    noChats: document.getElementById('no-chats')
  };

  var state = {
    me: null,
    onShift: false,       // on shift in at least one program
    capacity: null,
    queue: [],            // [{conversation, channel, lang, waitingSeconds, receivedAt, awaySince, line}], every line's merged
    seenQueue: {},        // conversation ids already announced
    chats: {},            // id -> chat
    order: [],            // tab order
    active: null,
    lines: [],            // one per program the advocate works in: see queueLines()
    library: {},          // program id -> the program's canned responses, referrals and partners
    clientSeq: 0
  };

  // ------------------------------------------------------------------ sockets: one line per program

  /**
   * Someone who works in several programs takes the queues they choose in this one console. Each program has
   * its own socket (a "line"): the hub gives a socket its program's queue, conversations and shift only, so
   * nothing of one program can reach another's; the console merges what the lines bring and sends each frame
   * on the line of the conversation it is about. The choice of queues is remembered in this browser
   * (program ids only); capacity is the person's, and the hub counts it across programs.
   */
  var QUEUES_OFF_KEY = 'hearth.queues.off';
  var programs = (function () {
    try { return JSON.parse(root.dataset.queues || '[]'); } catch (e) { return []; }
  }());
  var several = programs.length > 1;

  function queueLines() {
    var list = programs.length ? programs : [{ id: null, name: '' }];
    return list.map(function (p) {
      return { program: p.id, name: p.name || p.id || '', ws: null, retry: 0, onShift: false, capacity: null,
        queue: [], queueTotal: null, queueFresh: true, box: null };
    });
  }

  function queuesOff() {
    try { return JSON.parse(localStorage.getItem(QUEUES_OFF_KEY) || '[]'); } catch (e) { return []; }
  }

  /** The queue chooser, for someone in several programs: every queue is taken unless they left it out. */
  function renderQueueChoice() {
    var box = document.getElementById('queues');
    if (!box || !several) return;
    var off = queuesOff();
    state.lines.forEach(function (line) {
      var label = document.createElement('label');
      var input = document.createElement('input');
      input.type = 'checkbox';
      input.name = 'queue';
      input.value = line.program;
      input.checked = off.indexOf(line.program) < 0;
      input.addEventListener('change', function () {
        localStorage.setItem(QUEUES_OFF_KEY, JSON.stringify(state.lines.filter(function (l) { return !l.box.checked; })
          .map(function (l) { return l.program; })));
        if (state.onShift) startOrUpdateShift();
      });
      line.box = input;
      label.appendChild(input);
      label.appendChild(document.createTextNode(' ' + line.name));
      box.appendChild(label);
    });
    box.hidden = false;
  }

  function chosenLines() {
    return state.lines.filter(function (l) { return !l.box || l.box.checked; });
  }

  /** The line a frame goes out on: its conversation's program (held, or waiting in that program's queue). */
  function lineOf(conversation) {
    var chat = conversation ? state.chats[conversation] : null;
    if (chat && chat.line) return chat.line;
    for (var i = 0; conversation && i < state.queue.length; i++) {
      if (state.queue[i].conversation === conversation) return state.queue[i].line;
    }
    return state.lines[0];
  }

  function programQuery(line) {
    return line && line.program ? '?program=' + encodeURIComponent(line.program) : '';
  }

  function showConnection() {
    var lost = state.lines.some(function (l) { return !l.ws || l.ws.readyState !== WebSocket.OPEN; });
    var elsewhere = state.lines.some(function (l) { return l.elsewhere; });
    el.connection.textContent = t(elsewhere ? 'elsewhere' : lost ? 'reconnecting' : 'connected');
    el.connection.classList.toggle('lost', lost);
  }

  function connect(line) {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var ws = new WebSocket(scheme + location.host + '/ws/advocate' + programQuery(line));
    line.ws = ws;
    ws.addEventListener('open', function () {
      line.retry = 0;
      line.queueFresh = true;
      showConnection();
    });
    ws.addEventListener('message', function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame && typeof frame.type === 'string') onFrame(frame, line);
    });
    ws.addEventListener('close', function (event) {
      if (line.ws !== ws) return;
      line.ws = null;
      if (event.code === 4401) {
        location.assign('/console/login?expired=1');
        return;
      }
      if (event.code === 4409) {
        // A newer console of this account took over (limits.consolesPerAccount): reconnecting would take it back
        // from that one, and so on; a reload here is the person's choice.
        line.elsewhere = true;
        showConnection();
        return;
      }
      showConnection();
      var delay = Math.min(15000, 1000 * Math.pow(2, line.retry++));
      // The handshake is refused when the session lapsed or TOTP enrolment is due: ask an API that is refused
      // for both, and api() goes to sign-in or to enrolment.
      H.api('GET', '/api/v1/console/advocates-on-shift' + programQuery(line)).catch(function (e) {
        if (e.status === 403 && e.body.code === 'forbidden' && several) retire(line);
      });
      setTimeout(function () { if (!line.retired) connect(line); }, delay);
    });
  }

  /**
   * The person no longer works in a line's program (a lead took them out of it): its socket is refused, so the
   * line goes, with its queue and its choice; the other programs' lines carry on.
   */
  function retire(line) {
    line.retired = true;
    if (line.box) line.box.parentNode.remove();
    line.box = null;
    onShift({ onShift: false }, line); // its queue goes; the status names the programs left
    state.lines = state.lines.filter(function (l) { return l !== line; });
    showConnection();
  }

  function send(type, fields) {
    return sendOn(lineOf(fields && fields.conversation), type, fields);
  }

  function sendOn(line, type, fields) {
    if (!line || !line.ws || line.ws.readyState !== WebSocket.OPEN) {
      H.toast(t(line && line.elsewhere ? 'elsewhere' : 'reconnecting'), 'error');
      return false;
    }
    var frame = { type: type };
    for (var k in fields) if (Object.prototype.hasOwnProperty.call(fields, k)) frame[k] = fields[k];
    line.ws.send(JSON.stringify(frame));
    return true;
  }

  function onFrame(f, line) {
    switch (f.type) {
      case 'shift': return onShift(f, line);
      case 'queue':
        // A long queue comes as its oldest items plus how many wait in all.
        line.queueTotal = typeof f.total === 'number' ? f.total : null;
        return onQueue(f.items || [], line);
      case 'conversation': return onConversation(f, line);
      case 'message': return onMessage(f);
      case 'ack': return onAck(f);
      case 'typing': return onTyping(f);
      case 'transferred': return onTransferred(f);
      case 'presence': return onPresence(f);
      case 'ended': return onEnded(f);
      case 'video': return onVideo(f);
      case 'call': return onCall(f);
      case 'referral': return onReferral(f);
      case 'error': return onError(f);
      default: return undefined;
    }
  }

  // ------------------------------------------------------------------ shift

  function onShift(f, line) {
    line.onShift = !!f.onShift;
    line.capacity = f.capacity || null;
    if (!line.onShift) {
      line.queue = [];
      line.queueTotal = null;
      line.queueFresh = true;
    } else if (line.box) {
      line.box.checked = true; // on shift for it (say, from another tab): the choice shows it
    }
    var on = state.lines.filter(function (l) { return l.onShift; });
    state.onShift = on.length > 0;
    state.capacity = state.onShift ? Math.max.apply(null, on.map(function (l) { return l.capacity || 0; })) : null;
    el.shiftStatus.textContent = !state.onShift ? t('off_shift') : several
      ? t('on_shift_programs', state.capacity, on.map(function (l) { return l.name; }).join(', '))
      : t('on_shift', state.capacity);
    el.shiftStatus.className = 'shift-status ' + (state.onShift ? 'on' : 'off');
    el.shiftToggle.textContent = state.onShift ? t('end_shift') : t('start_shift');
    el.shiftToggle.classList.toggle('primary', !state.onShift);
    if (state.onShift && state.capacity) el.capacity.value = state.capacity;
    mergeQueues();
    renderQueue();
  }

  function chosenLanguages() {
    return el.langs.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
  }

  function chosenCapacity() {
    var n = parseInt(el.capacity.value, 10);
    if (!(n >= 1)) n = 1;
    if (n > maxCapacity) n = maxCapacity;
    el.capacity.value = n;
    return n;
  }

  /**
   * Saves languages and capacity to the account, then (re)starts the shift with them in every chosen program,
   * and ends it in a program left out (which the hub refuses while the advocate holds a chat there).
   */
  function startOrUpdateShift() {
    var languages = chosenLanguages();
    if (languages.length === 0) {
      H.toast(t('error.generic'), 'error');
      el.langs[0].focus();
      return;
    }
    var chosen = chosenLines();
    if (chosen.length === 0) {
      H.toast(t('no_queue_chosen'), 'error');
      return;
    }
    var capacity = chosenCapacity();
    H.api('PUT', '/api/v1/console/me', { languages: languages, capacity: capacity })
      .then(function () {
        state.lines.forEach(function (line) {
          if (chosen.indexOf(line) >= 0) {
            line.queueFresh = true;
            sendOn(line, 'shift.start', { capacity: capacity });
          } else if (line.onShift) {
            sendOn(line, 'shift.end', {});
          }
        });
      })
      .catch(function (e) { H.toast(H.errorText(e), 'error'); });
  }

  /** Off shift in every program at once, so only when no chat is open in any (the hub refuses it per program). */
  function endShift() {
    var holding = state.order.some(function (id) { return !state.chats[id].ended; });
    if (holding && several) {
      H.toast(t('still_holding'), 'error');
      return;
    }
    state.lines.forEach(function (line) { if (line.onShift) sendOn(line, 'shift.end', {}); });
  }

  el.shiftToggle.addEventListener('click', function () {
    if (state.onShift) endShift();
    else startOrUpdateShift();
  });
  el.capacity.addEventListener('change', function () { if (state.onShift) startOrUpdateShift(); });
  el.langs.forEach(function (c) {
    c.addEventListener('change', function () {
      if (state.onShift) startOrUpdateShift();
      else if (chosenLanguages().length > 0) {
        H.api('PUT', '/api/v1/console/me', { languages: chosenLanguages() }).catch(function (e) { H.toast(H.errorText(e), 'error'); });
      }
    });
  });

  // ------------------------------------------------------------------ queue

  function onQueue(items, line) {
    var now = Date.now();
    var arrived = 0;
    line.queue = items.map(function (i) {
      if (!state.seenQueue[i.conversation]) {
        state.seenQueue[i.conversation] = true;
        if (!line.queueFresh) arrived++;
      }
      return { conversation: i.conversation, channel: i.channel, lang: i.lang, line: line,
        waitingSeconds: i.waitingSeconds || 0, receivedAt: now, awaySince: i.away ? i.awaySince : null,
        referredFrom: i.referredFrom || null, shared: i.shared || null };
    });
    line.queueFresh = false;
    mergeQueues();
    renderQueue();
    if (arrived > 0) announceArrival();
  }

  /** The queues of the programs on shift as one, the longest waiting first. */
  function mergeQueues() {
    var now = Date.now();
    var merged = [];
    state.queueTotal = 0;
    state.lines.forEach(function (line) {
      if (!line.onShift) return;
      merged = merged.concat(line.queue);
      state.queueTotal += line.queueTotal != null ? line.queueTotal : line.queue.length;
    });
    function waited(i) { return i.waitingSeconds * 1000 + (now - i.receivedAt); }
    merged.sort(function (a, b) { return waited(b) - waited(a); });
    state.queue = merged;
  }

  /** With several programs: what each queue item and chat is labelled with (nothing for one program). */
  function programName(line) {
    return several && line ? line.name : '';
  }

  /** Someone in several programs holding as many chats as they take at once is told so above the queue. */
  function showQueueFull() {
    var full = document.getElementById('queue-full');
    if (!full) return;
    var open = state.order.filter(function (id) { return !state.chats[id].ended; }).length;
    full.hidden = !(several && state.onShift && state.capacity && open >= state.capacity);
    if (!full.hidden) full.textContent = t('queue_full', open);
  }

  function renderQueue() {
    var tpl = document.getElementById('queue-item');
    el.queue.textContent = '';
    el.queueOff.hidden = state.onShift;
    el.queueEmpty.hidden = !state.onShift || state.queue.length > 0;
    el.queueCount.textContent = String(state.onShift ? (state.queueTotal != null ? state.queueTotal : state.queue.length) : 0);
    showQueueFull();
    if (!state.onShift) return;
    state.queue.forEach(function (item, index) {
      var li = tpl.content.firstElementChild.cloneNode(true);
      li.dataset.conversation = item.conversation;
      var program = li.querySelector('.program');
      if (program) {
        program.hidden = !programName(item.line);
        program.textContent = programName(item.line);
      }
      var channel = li.querySelector('.channel');
      channel.textContent = t('channel.' + item.channel) !== 'channel.' + item.channel ? t('channel.' + item.channel) : item.channel;
      channel.classList.add('channel-' + (item.channel === 'sms' || item.channel === 'phone' ? item.channel : 'web'));
      li.querySelector('.lang').textContent = t('lang.' + item.lang) !== 'lang.' + item.lang ? t('lang.' + item.lang) : String(item.lang).toUpperCase();
      // The survivor's connection closed: they may come back, or the chat leaves the queue after a grace.
      var away = li.querySelector('.away');
      away.hidden = !item.awaySince;
      if (item.awaySince) {
        away.textContent = t('queue_away', timeOf(item.awaySince));
        away.title = t('queue_away_hint');
        li.classList.add('is-away');
      }
      showReferredInQueue(li, item);
      var accept = li.querySelector('.accept');
      accept.setAttribute('aria-label', t(item.channel === 'phone' ? 'queue_accept_call' : 'queue_accept', index + 1));
      accept.addEventListener('click', function () {
        accept.disabled = true;
        state.pendingAccept = item.conversation;
        send('accept', { conversation: item.conversation });
      });
      el.queue.appendChild(li);
    });
    tickQueue();
  }

  function tickQueue() {
    var now = Date.now();
    var items = el.queue.children;
    for (var i = 0; i < items.length; i++) {
      var item = state.queue[i];
      if (!item) continue;
      var seconds = item.waitingSeconds + Math.floor((now - item.receivedAt) / 1000);
      items[i].querySelector('.waiting').textContent = t('waiting', clock(seconds));
    }
  }

  function clock(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ':' + (s < 10 ? '0' : '') + s;
  }

  setInterval(tickQueue, 1000);

  // ------------------------------------------------------------------ alerts (opt-in)

  el.sound.checked = localStorage.getItem('hearth.alert.sound') === 'on';
  el.desktop.checked = localStorage.getItem('hearth.alert.desktop') === 'on' && 'Notification' in window
    && Notification.permission === 'granted';
  el.sound.addEventListener('change', function () {
    localStorage.setItem('hearth.alert.sound', el.sound.checked ? 'on' : 'off');
    if (el.sound.checked) beep();
  });
  el.desktop.addEventListener('change', function () {
    if (!el.desktop.checked) {
      localStorage.setItem('hearth.alert.desktop', 'off');
      return;
    }
    if (!('Notification' in window)) {
      el.desktop.checked = false;
      return;
    }
    Notification.requestPermission().then(function (permission) {
      var ok = permission === 'granted';
      el.desktop.checked = ok;
      localStorage.setItem('hearth.alert.desktop', ok ? 'on' : 'off');
      if (!ok) H.toast(t('notify.denied'), 'error');
    });
  });

  var audio = null;
  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.4);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.45);
    } catch (e) { /* no audio on this device */ }
  }

  function announceArrival() {
    if (el.sound.checked) beep();
    if (el.desktop.checked && 'Notification' in window && Notification.permission === 'granted') {
      try {
        var n = new Notification(t('notify.title'), { body: t('notify.body'), tag: 'hearth-queue', silent: el.sound.checked });
        n.onclick = function () { window.focus(); n.close(); };
      } catch (e) { /* some browsers allow notifications only from a service worker */ }
    }
  }

  // ------------------------------------------------------------------ chats

  function onConversation(f, line) {
    var chat = state.chats[f.conversation];
    if (!chat) chat = openChat(f);
    chat.line = line;
    chat.channel = f.channel;
    chat.lang = f.lang;
    chat.contact = f.contact || null;
    chat.ended = false;
    chat.panel.classList.remove('ended');
    chat.tab.classList.remove('ended');
    chat.log.textContent = '';
    chat.seqs = {};
    chat.pending = [];
    (f.messages || []).forEach(function (m) { appendMessage(chat, m, false); });
    chat.away = false;
    if (f.awaySince) onPresence({ conversation: f.conversation, away: true, awaySince: f.awaySince });
    showCallButtons(chat);
    if (f.channel === 'phone') showAsCall(chat);
    showReferredChat(chat, f);
    label(chat);
    showQueueFull();
    if (state.pendingAccept === f.conversation || !state.active) {
      state.pendingAccept = null;
      activate(f.conversation);
    }
  }

  // A video or voice call opens in the widget: a texter has only their phone's messages and a caller only
  // their phone, so neither could join one (the hub refuses the offer). Their chats offer none, however
  // they arrived here: accepted, transferred, referred in, or sent again after a reconnection.
  function showCallButtons(chat) {
    var widget = chat.channel !== 'sms' && chat.channel !== 'phone';
    chat.panel.querySelector('[data-action="video"]').hidden = !widget;
    chat.panel.querySelector('[data-action="voice"]').hidden = !widget;
  }

  // A hotline call is spoken on the advocate's program phone: the console holds it (its place, its
  // capacity, transfer and the ends) but has nothing to type into.
  function showAsCall(chat) {
    chat.panel.classList.add('is-call');
    chat.panel.querySelector('form.composer').hidden = true;
    chat.panel.querySelector('[data-action="ring"]').hidden = false;
    if (!chat.callNoted) note(chat, t('call_note'));
    chat.callNoted = true;
  }

  /** The advocate's phone is ringing for a call they accepted; it opens here once they press 1. */
  function onCall(f) {
    var chat = state.chats[f.conversation];
    if (chat && !chat.ended) note(chat, t('call_ringing'));
    else H.toast(t('call_ringing'), 'ok');
  }

  function openChat(f) {
    var tab = document.getElementById('chat-tab').content.firstElementChild.cloneNode(true);
    var panel = document.getElementById('chat-panel').content.firstElementChild.cloneNode(true);
    var number = state.order.length + 1;
    var id = f.conversation;
    tab.id = 'tab-' + number + '-' + Date.now();
    panel.id = 'panel-' + number + '-' + Date.now();
    tab.setAttribute('aria-controls', panel.id);
    panel.setAttribute('aria-labelledby', tab.id);
    tab.dataset.conversation = id;
    panel.dataset.conversation = id;
    panel.hidden = true;
    var chat = {
      id: id, number: number, tab: tab, panel: panel,
      log: panel.querySelector('.log'),
      typing: panel.querySelector('.typing'),
      textarea: panel.querySelector('textarea'),
      meta: panel.querySelector('.chat-meta'),
      unread: 0, seqs: {}, pending: [], ended: false, typingTimer: null, lastTypingSent: 0
    };
    state.chats[id] = chat;
    state.order.push(id);
    tab.addEventListener('click', function () { activate(id); });
    tab.addEventListener('keydown', function (e) {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      var i = state.order.indexOf(id) + (e.key === 'ArrowRight' ? 1 : -1);
      if (i >= 0 && i < state.order.length) {
        activate(state.order[i]);
        state.chats[state.order[i]].tab.focus();
      }
    });
    panel.querySelector('[data-action="transfer"]').addEventListener('click', function () { openTransfer(chat); });
    panel.querySelector('[data-action="refer"]').addEventListener('click', function () { openRefer(chat); });
    panel.querySelector('[data-action="ring"]').addEventListener('click', function () { send('accept', { conversation: id }); });
    // A video call, or a voice call (audio only) in the same room. Without Jitsi the buttons stay, marked
    // unavailable, and say why: a button that silently vanishes leaves the advocate wondering whether
    // calls exist at all.
    [['video', 'video'], ['voice', 'audio']].forEach(function (call) {
      var button = panel.querySelector('[data-action="' + call[0] + '"]');
      if (!videoEnabled) {
        button.setAttribute('aria-disabled', 'true');
        button.classList.add('unavailable');
      }
      button.addEventListener('click', function () {
        if (videoEnabled) send('video.offer', { conversation: id, media: call[1] });
        else note(chat, t('video_off'));
      });
    });
    panel.querySelector('[data-action="end"]').addEventListener('click', function () {
      confirmOnce('end', function () { send('end', { conversation: id }); });
    });
    panel.querySelector('[data-action="safety"]').addEventListener('click', function () {
      confirmOnce('safety', function () { send('end', { conversation: id, safetyExit: true }); });
    });
    panel.querySelector('[data-action="block"]').addEventListener('click', function () {
      confirmOnce('block', function () { send('block', { conversation: id }); });
    });
    panel.querySelector('[data-action="close"]').addEventListener('click', function () { closeChat(id); });
    panel.querySelector('[data-action="canned"]').addEventListener('click', function () { openPicker('canned', chat); });
    panel.querySelector('[data-action="referral"]').addEventListener('click', function () { openPicker('referral', chat); });
    panel.querySelector('[data-action="partner"]').addEventListener('click', function () { openPicker('partner', chat); });
    panel.querySelector('form').addEventListener('submit', function (e) {
      e.preventDefault();
      sendMessage(chat);
    });
    chat.textarea.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        sendMessage(chat);
      }
    });
    chat.textarea.addEventListener('input', function () {
      var now = Date.now();
      if (!chat.ended && now - chat.lastTypingSent > 2500 && chat.textarea.value) {
        chat.lastTypingSent = now;
        send('typing', { conversation: id });
      }
    });
    el.tabs.appendChild(tab);
    el.panels.appendChild(panel);
    el.noChats.hidden = true;
    return chat;
  }

  function label(chat) {
    var channel = t('channel.' + chat.channel);
    var program = programName(chat.line);
    var parts = [t('chat_label', chat.number), channel, String(chat.lang || '').toUpperCase()];
    if (program) parts.splice(1, 0, program);
    if (chat.contact) parts.push(chat.contact);
    if (chat.away) parts.push(t('chat_away'));
    chat.meta.textContent = parts.join(' · ');
    chat.tab.querySelector('.tab-label').textContent = t('chat_label', chat.number) + ' · ' + String(chat.lang || '').toUpperCase()
      + (program ? ' · ' + program : '');
    var unread = chat.tab.querySelector('.unread');
    unread.hidden = chat.unread === 0;
    unread.textContent = String(chat.unread);
    unread.setAttribute('aria-label', t('unread', chat.unread));
  }

  function activate(id) {
    state.active = id;
    state.order.forEach(function (other) {
      var c = state.chats[other];
      var on = other === id;
      c.tab.setAttribute('aria-selected', on ? 'true' : 'false');
      c.tab.tabIndex = on ? 0 : -1;
      c.panel.hidden = !on;
      if (on) {
        c.unread = 0;
        label(c);
        scrollDown(c);
      }
    });
    var chat = state.chats[id];
    if (chat && !chat.ended) chat.textarea.focus();
  }

  function closeChat(id) {
    var chat = state.chats[id];
    if (!chat) return;
    chat.tab.remove();
    chat.panel.remove();
    delete state.chats[id];
    state.order.splice(state.order.indexOf(id), 1);
    if (state.active === id) {
      state.active = null;
      if (state.order.length) activate(state.order[state.order.length - 1]);
    }
    el.noChats.hidden = state.order.length > 0;
  }

  function appendMessage(chat, m, live) {
    var known = chat.seqs[m.seq];
    if (known) {
      // Acked before it came back: the bubble takes the hub's time and words (a referral showed our preview).
      if (known.nodeType) {
        known.querySelector('.msg-text').textContent = m.text;
        settle(known, m);
      }
      return;
    }
    chat.seqs[m.seq] = true;
    if (m.from === 'advocate' && chat.pending.length) {
      // Our own message coming back from the hub: the pending bubble it was sent as (clientId) becomes it.
      for (var i = 0; i < chat.pending.length; i++) {
        if (chat.pending[i].clientId === m.clientId) {
          var bubble = chat.pending.splice(i, 1)[0].node;
          bubble.querySelector('.msg-text').textContent = m.text; // a referral's words are the hub's
          settle(bubble, m);
          return;
        }
      }
    }
    chat.log.appendChild(bubbleFor(m.from, m.text, m.at, false));
    if (live && m.from === 'survivor') {
      chat.typing.hidden = true;
      if (state.active !== chat.id || document.hidden) {
        chat.unread++;
        label(chat);
      }
    }
    scrollDown(chat);
  }

  function bubbleFor(from, text, at, pending) {
    var div = document.createElement('div');
    div.className = 'msg msg-' + (from === 'survivor' || from === 'advocate' ? from : 'system') + (pending ? ' pending' : '');
    var meta = document.createElement('span');
    meta.className = 'msg-meta';
    meta.textContent = t('from.' + (from === 'survivor' || from === 'advocate' ? from : 'system')) + ' · '
      + (pending ? t('pending') : timeOf(at));
    var body = document.createElement('p');
    body.className = 'msg-text';
    body.textContent = text;          // text only, never markup: this is the survivor's (or a lead's) text
    body.dir = 'auto';                // an Arabic message reads right to left in an English console
    div.appendChild(meta);
    div.appendChild(body);
    return div;
  }

  function settle(bubble, m) {
    bubble.classList.remove('pending');
    bubble.querySelector('.msg-meta').textContent = t('from.advocate') + ' · ' + timeOf(m.at);
  }

  function note(chat, text, kind) {
    var p = document.createElement('p');
    p.className = 'msg msg-note' + (kind ? ' ' + kind : '');
    p.textContent = text;
    chat.log.appendChild(p);
    scrollDown(chat);
    return p;
  }

  function timeOf(at) {
    var d = at ? new Date(at) : new Date();
    if (isNaN(d.getTime())) d = new Date();
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function scrollDown(chat) {
    chat.log.scrollTop = chat.log.scrollHeight;
  }

  function sendMessage(chat) {
    var text = chat.textarea.value;
    if (chat.ended || !text.trim()) return;
    if (!post(chat, { text: text }, text)) return;
    chat.textarea.value = '';
    chat.lastTypingSent = 0;
  }

  // A referral goes as an item (the survivor's widget makes its number and address links); the hub
  // writes its plain text for SMS, and the bubble shows that once it comes back.
  function sendReferral(chat, r) {
    if (chat.ended) return;
    post(chat, { referrals: [{ name: r.name, phone: r.phone, sms: r.sms, text: r.text, url: r.url }] }, referralText(r));
  }

  // A partner's card: the hub builds it from the lead's directory and records the referral in the sharing register.
  function sendPartner(chat, p) {
    if (chat.ended) return;
    post(chat, { partner: p.id }, referralText(p));
  }

  function post(chat, fields, shown) {
    var clientId = 'c' + Date.now().toString(36) + '-' + (++state.clientSeq);
    fields.conversation = chat.id;
    fields.clientId = clientId;
    if (!send('message', fields)) return false;
    var bubble = bubbleFor('advocate', shown, null, true);
    chat.pending.push({ clientId: clientId, node: bubble });
    chat.log.appendChild(bubble);
    scrollDown(chat);
    return true;
  }

  function onMessage(f) {
    var chat = state.chats[f.conversation];
    if (chat && !chat.ended) appendMessage(chat, f, true); // one that left (ended, passed on) takes no more words
  }

  function onAck(f) {
    var chat = state.chats[f.conversation];
    if (!chat) return;
    for (var i = 0; i < chat.pending.length; i++) {
      if (chat.pending[i].clientId === f.clientId) {
        var p = chat.pending.splice(i, 1)[0];
        chat.seqs[f.seq] = p.node;
        settle(p.node, { at: null });
        return;
      }
    }
  }

  function onTyping(f) {
    var chat = state.chats[f.conversation];
    if (!chat || chat.ended) return;
    chat.typing.hidden = false;
    clearTimeout(chat.typingTimer);
    chat.typingTimer = setTimeout(function () { chat.typing.hidden = true; }, 4000);
  }

  function finish(chat, text) {
    chat.ended = true;
    chat.typing.hidden = true;
    chat.panel.classList.add('ended');
    chat.tab.classList.add('ended');
    chat.panel.querySelector('[data-action="close"]').hidden = false;
    note(chat, text);
    showQueueFull();
  }

  /**
   * A chat passed to a colleague is theirs to read, not this console's: its words (the survivor's, ours, a draft) go
   * at once, before the colleague's name is looked up, so a shared computer keeps only the note that it was passed on.
   */
  function onTransferred(f) {
    var chat = state.chats[f.conversation];
    if (!chat) return;
    chat.ended = true;
    chat.log.textContent = '';
    chat.seqs = {};
    chat.pending = [];
    chat.textarea.value = '';
    var to = f.to;
    H.api('GET', '/api/v1/console/advocates-on-shift' + programQuery(chat.line)).then(function (r) {
      (r.advocates || []).forEach(function (a) { if (a.username === f.to) to = a.displayName; });
    }).catch(function () { /* the username will do */ }).then(function () {
      finish(chat, t('transferred', to));
    });
  }

  // The survivor's last connection closed (or they came back): "Survivor disconnected at 14:02", in this console's time.
  function onPresence(f) {
    var chat = state.chats[f.conversation];
    if (!chat || chat.ended || chat.away === !!f.away) return;
    chat.away = !!f.away;
    note(chat, f.away ? t('survivor_away', timeOf(f.awaySince)) : t('survivor_back'), 'presence');
    label(chat);
  }

  function onEnded(f) {
    var chat = state.chats[f.conversation];
    if (!chat) return;
    // No reason: the hub no longer knew why (the console's node was cut off from the live store for minutes).
    finish(chat, t('ended.' + (f.reason || 'unknown')));
  }

  function onVideo(f) {
    var chat = state.chats[f.conversation];
    if (!chat) return;
    var kind = f.media === 'audio' ? 'voice' : 'video';
    var p = note(chat, t(kind + '_ready') + ' ');
    if (typeof f.url === 'string' && /^https:\/\//i.test(f.url) && typeof f.jwt === 'string') {
      var a = document.createElement('a');
      a.href = callUrl(f);
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = t(kind + '_join');
      p.appendChild(a);
    }
  }

  // The advocate's own token in ?jwt= (the room admits no one without one) and Jitsi config overrides in
  // the hash, as the widget's video.js joins: camera off, prejoin page on; a voice call in audio-only mode,
  // so the camera is never asked for, and without the camera, screen sharing or backgrounds to choose.
  function callUrl(f) {
    var config = ['startWithVideoMuted=true', 'prejoinConfig.enabled=true', 'prejoinPageEnabled=true', 'disableDeepLinking=true'];
    if (f.media === 'audio') {
      config.push('startAudioOnly=true',
        'hiddenPremeetingButtons=' + encodeURIComponent(JSON.stringify(['camera', 'select-background', 'invite', 'settings'])),
        'toolbarButtons=' + encodeURIComponent(JSON.stringify(['microphone', 'hangup', 'security'])));
    }
    return f.url + '?jwt=' + encodeURIComponent(f.jwt) + '#config.' + config.join('&config.');
  }

  function onError(f) {
    var chat = f.conversation ? state.chats[f.conversation] : null;
    if (f.conversation && state.pendingAccept === f.conversation) state.pendingAccept = null;
    if (chat && !chat.ended) note(chat, f.message || t('error.generic'), 'error');
    else H.toast(f.message || t('error.generic'), 'error');
    renderQueue(); // re-enables an Accept button whose accept failed
  }

  // ------------------------------------------------------------------ confirmations

  var confirmDialog = document.getElementById('confirm');
  var confirmAction = null;
  function confirmOnce(kind, action) {
    document.getElementById('confirm-title').textContent = t('confirm.' + kind + '.title');
    document.getElementById('confirm-text').textContent = t('confirm.' + kind + '.text');
    var ok = document.getElementById('confirm-ok');
    ok.textContent = t('confirm.' + kind + '.ok');
    ok.className = kind === 'safety' || kind === 'block' || kind === 'logout_holding' ? 'danger' : 'primary';
    confirmAction = action;
    confirmDialog.returnValue = '';
    confirmDialog.showModal();
    document.getElementById('confirm-cancel').focus();   // the safe choice has the focus
  }
  confirmDialog.addEventListener('close', function () {
    var action = confirmAction;
    confirmAction = null;
    if (confirmDialog.returnValue === 'ok' && action) action();
  });

  /**
   * Signing out ends the shift: the hub ends it with the session, as End shift would, so only while no chat is held.
   * Asked first, while on shift; with chats open the advocate is told they stay theirs and the survivors wait, and
   * the safe choice (Cancel, with the focus) goes back to transfer or end them. Signing out stays possible: a
   * computer left signed in shows every chat to whoever comes next.
   */
  H.confirmLogout = function (signOut) {
    if (!state.onShift) return signOut();
    var holding = state.order.some(function (id) { return !state.chats[id].ended; });
    confirmOnce(holding ? 'logout_holding' : 'logout_shift', signOut);
  };

  // ------------------------------------------------------------------ transfer

  var transferDialog = document.getElementById('transfer');
  function openTransfer(chat) {
    var list = document.getElementById('transfer-list');
    var empty = document.getElementById('transfer-empty');
    list.textContent = '';
    // Colleagues of the chat's own program: a transfer stays within it.
    H.api('GET', '/api/v1/console/advocates-on-shift' + programQuery(chat.line)).then(function (r) {
      var others = (r.advocates || []).filter(function (a) { return !a.self && a.holding < a.capacity; });
      empty.hidden = others.length > 0;
      others.forEach(function (a) {
        var li = document.createElement('li');
        var b = document.createElement('button');
        b.type = 'button';
        b.dataset.username = a.username;
        b.textContent = t('transfer_button', a.displayName, a.holding, a.capacity);
        b.addEventListener('click', function () {
          transferDialog.close('cancel');
          send('transfer', { conversation: chat.id, to: a.username });
        });
        li.appendChild(b);
        list.appendChild(li);
      });
      transferDialog.showModal();
    }).catch(function (e) { H.toast(H.errorText(e), 'error'); });
  }

  // ------------------------------------------------------------------ warm referrals to partner programs

  // A chat referred in from another program on the hub: from where, and what the survivor let travel (nothing else).
  function referredText(from, shared) {
    return t('queue_referred', from, t('shared.' + (shared === 'transcript' ? 'transcript' : 'none')));
  }

  function showReferredInQueue(li, item) {
    var badge = li.querySelector('.referred');
    if (!badge || !item.referredFrom) return;
    badge.hidden = false;
    badge.textContent = referredText(item.referredFrom, item.shared);
    li.classList.add('is-referred');
  }

  function showReferredChat(chat, f) {
    if (!f.referredFrom || chat.referredNoted) return;
    chat.referredNoted = true;
    note(chat, t('chat_referred', f.referredFrom, t('shared.' + (f.shared === 'transcript' ? 'transcript' : 'none'))));
  }

  var referDialog = document.getElementById('refer');
  var referChat = null;
  function openRefer(chat) {
    if (!chat || chat.ended) return;
    library(chat).then(function (lib) {
      var box = document.getElementById('refer-partners');
      box.querySelectorAll('label').forEach(function (l) { l.remove(); });
      var onHub = (lib.partners || []).filter(function (p) { return p.program; });
      onHub.forEach(function (p, i) {
        var label = document.createElement('label');
        var radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = 'refer-partner';
        radio.value = p.id;
        radio.checked = i === 0;
        label.appendChild(radio);
        label.appendChild(document.createTextNode(' ' + p.name + ((p.services || []).length ? ' · ' + p.services.join(', ') : '')));
        box.appendChild(label);
      });
      box.hidden = onHub.length === 0;
      document.getElementById('refer-empty').hidden = onHub.length > 0;
      document.getElementById('refer-ok').disabled = onHub.length === 0;
      document.getElementById('refer-reason').value = '';
      referChat = chat;
      referDialog.showModal();
      (onHub.length ? document.getElementById('refer-reason') : referDialog.querySelector('button')).focus();
    }).catch(function (e) { H.toast(H.errorText(e), 'error'); });
  }

  referDialog.addEventListener('close', function () {
    var chat = referChat;
    referChat = null;
    if (referDialog.returnValue !== 'ok' || !chat) return;
    var chosen = referDialog.querySelector('input[name="refer-partner"]:checked');
    if (chosen) send('referral.propose', { conversation: chat.id, partner: chosen.value, reason: document.getElementById('refer-reason').value });
  });

  /** What became of a referral this advocate offered: told in the chat, as notes. */
  function onReferral(f) {
    var chat = state.chats[f.conversation];
    var key = f.state === 'offered' ? (f.open === false ? 'offered_closed' : f.staffed === false ? 'offered_unstaffed' : 'offered') : f.state;
    var text = t('referral.' + key, f.agency || '');
    if (chat && !chat.ended) note(chat, text);
    else if (f.state !== 'offered') H.toast(text, 'ok');
  }

  // ------------------------------------------------------------------ canned responses and referrals

  var picker = document.getElementById('picker');
  var pickerSearch = document.getElementById('picker-search');
  var pickerList = document.getElementById('picker-list');
  var pickerEmpty = document.getElementById('picker-empty');
  var pickerState = { kind: null, chat: null, items: [], shown: [], selected: 0 };

  /** The chat's own program's canned responses, referrals and partners. */
  function library(chat) {
    var key = (chat.line && chat.line.program) || '';
    if (state.library[key]) return Promise.resolve(state.library[key]);
    return H.api('GET', '/api/v1/console/library' + programQuery(chat.line)).then(function (lib) {
      state.library[key] = lib;
      setTimeout(function () { delete state.library[key]; }, 60000); // leads may edit them meanwhile
      return lib;
    });
  }

  function referralText(r) {
    return [r.name, r.phone, r.sms, r.text, r.url].filter(function (x) { return x; }).join(' · ');
  }

  /** The directory as the picker lists it: name (and whether it is on this hub), then services, languages and contacts. */
  function partnerItems(partners, lang) {
    return (partners || []).map(function (p) {
      var about = [(p.services || []).join(', '), (p.languages || []).join(', '), p.phone, p.sms, p.email, p.url];
      return { title: p.name + (p.program ? ' · ' + t('partner_on_hub') : ''), lang: lang, partner: p,
        text: about.filter(function (x) { return x; }).join(' · ') };
    });
  }

  var PICKER_TITLES = { canned: 'canned_title', referral: 'referral_title', partner: 'partner_title' };
  var PICKER_EMPTY = { canned: 'no_canned', referral: 'no_referrals', partner: 'no_partners' };

  function openPicker(kind, chat) {
    if (!chat || chat.ended) return;
    library(chat).then(function (lib) {
      var source = kind === 'canned' ? lib.canned : kind === 'referral' ? lib.referrals : {};
      var langs = [chat.lang].concat(Object.keys(source).filter(function (l) { return l !== chat.lang; }));
      var items = kind === 'partner' ? partnerItems(lib.partners, chat.lang) : [];
      langs.forEach(function (l) {
        (source[l] || []).forEach(function (x) {
          items.push(kind === 'canned'
            ? { title: x.title, text: x.text, lang: l }
            : { title: x.name, text: referralText(x), lang: l, referral: x });
        });
      });
      pickerState = { kind: kind, chat: chat, items: items, shown: items, selected: 0 };
      document.getElementById('picker-title').textContent = t(PICKER_TITLES[kind]);
      pickerSearch.value = '';
      renderPicker();
      picker.showModal();
      pickerSearch.focus();
    }).catch(function (e) { H.toast(H.errorText(e), 'error'); });
  }

  function renderPicker() {
    var q = pickerSearch.value.trim().toLowerCase();
    pickerState.shown = pickerState.items.filter(function (x) {
      return !q || (x.title || '').toLowerCase().indexOf(q) >= 0 || (x.text || '').toLowerCase().indexOf(q) >= 0;
    });
    if (pickerState.selected >= pickerState.shown.length) pickerState.selected = 0;
    pickerList.textContent = '';
    pickerState.shown.forEach(function (x, i) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', i === pickerState.selected ? 'true' : 'false');
      var title = document.createElement('span');
      title.className = 'picker-title';
      title.textContent = x.title + (x.lang !== pickerState.chat.lang ? ' (' + String(x.lang).toUpperCase() + ')' : '');
      var preview = document.createElement('span');
      preview.className = 'picker-preview';
      preview.textContent = x.text;
      li.appendChild(title);
      li.appendChild(preview);
      li.addEventListener('click', function () { choose(i); });
      pickerList.appendChild(li);
    });
    pickerEmpty.hidden = pickerState.shown.length > 0;
    if (pickerState.items.length === 0) {
      pickerEmpty.hidden = false;
      pickerEmpty.textContent = t(PICKER_EMPTY[pickerState.kind]);
    }
    var sel = pickerList.children[pickerState.selected];
    if (sel && sel.scrollIntoView) sel.scrollIntoView({ block: 'nearest' });
  }

  function choose(i) {
    var item = pickerState.shown[i];
    picker.close('cancel');
    if (!item) return;
    if (item.partner) sendPartner(pickerState.chat, item.partner);
    else if (item.referral) sendReferral(pickerState.chat, item.referral);
    else insertAtCursor(pickerState.chat.textarea, item.text);
  }

  function insertAtCursor(area, text) {
    var start = area.selectionStart || 0;
    var end = area.selectionEnd || 0;
    var before = area.value.slice(0, start);
    var glue = before && !/\s$/.test(before) ? ' ' : '';
    area.value = before + glue + text + area.value.slice(end);
    var caret = (before + glue + text).length;
    area.focus();
    area.setSelectionRange(caret, caret);
  }

  pickerSearch.addEventListener('input', function () {
    pickerState.selected = 0;
    renderPicker();
  });
  pickerSearch.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      var n = pickerState.shown.length;
      if (!n) return;
      pickerState.selected = (pickerState.selected + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      renderPicker();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(pickerState.selected);
    }
  });
  picker.addEventListener('close', function () {
    if (pickerState.chat && !pickerState.chat.ended) pickerState.chat.textarea.focus();
  });

  // Ctrl+K (⌘K) or Alt+C: canned responses; Alt+R: referrals; Alt+P: partner agencies. Escape is left to dialogs (it only closes them).
  document.addEventListener('keydown', function (e) {
    var chat = state.active ? state.chats[state.active] : null;
    if (!chat || document.querySelector('dialog[open]')) return;
    var canned = ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'k' || e.key === 'K'))
      || (e.altKey && !e.ctrlKey && e.code === 'KeyC');
    var referral = e.altKey && !e.ctrlKey && e.code === 'KeyR';
    var partner = e.altKey && !e.ctrlKey && e.code === 'KeyP';
    if (canned || referral || partner) {
      e.preventDefault();
      openPicker(canned ? 'canned' : referral ? 'referral' : 'partner', chat);
    }
  });

  // A person using the console (keys, clicks, touches, scrolling) is activity: tell the hub at most
  // once a minute, so a quiet shift is not signed out while someone sits at it. A timer would not do:
  // an unattended console must still time out.
  var lastActive = Date.now();
  function noteActivity() {
    var now = Date.now();
    // One line is enough: the session is the person's, whichever program's socket renews it.
    var line = state.lines.filter(function (l) { return l.ws && l.ws.readyState === WebSocket.OPEN; })[0];
    if (now - lastActive < 60000 || !line) return;
    lastActive = now;
    line.ws.send(JSON.stringify({ type: 'active' }));
  }
  ['keydown', 'pointerdown', 'wheel', 'touchstart'].forEach(function (name) {
    document.addEventListener(name, noteActivity, { passive: true, capture: true });
  });

  // ------------------------------------------------------------------ start

  H.api('GET', '/api/v1/console/me').then(function (me) {
    state.me = me;
    el.capacity.max = String(me.maxCapacity);
    el.capacity.value = me.capacity;
    el.langs.forEach(function (c) { c.checked = me.languages.indexOf(c.value) >= 0; });
    videoEnabled = !!me.videoEnabled;
    state.lines = queueLines();
    renderQueueChoice();
    state.lines.forEach(connect);
  }).catch(function (e) {
    el.connection.textContent = H.errorText(e);
    el.connection.classList.add('lost');
  });
})();
