/*
 * Lead settings pages. Each form starts from the JSON in its data-initial attribute (escaped by the
 * server, parsed here), and saves the whole section with PUT /api/v1/lead/<section>. Values are put
 * into inputs with .value only.
 */
(function () {
  'use strict';
  var H = window.Hearth;
  var t = H.t;
  var page = document.body.dataset.page;

  function initial(node) {
    try { return JSON.parse(node.dataset.initial || '{}'); } catch (e) { return {}; }
  }

  function row(templateId) {
    return document.getElementById(templateId).content.firstElementChild.cloneNode(true);
  }

  /** Removes the marks of an earlier refusal. */
  function clearFieldErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (p) { p.remove(); });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid="true"]'), function (input) {
      input.removeAttribute('aria-invalid');
      var ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) {
        return id && id.indexOf('error-') !== 0;
      });
      if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
      else input.removeAttribute('aria-describedby');
    });
  }

  /**
   * A refusal about one field (the hub names it in "field", as the data-field of its input): the
   * message goes next to that input, which is marked invalid, described by it, and focused.
   */
  function showFieldError(form, e) {
    var field = e && e.body && e.body.field;
    if (!field) return false;
    var input = form.querySelector('[data-field="' + field.replace(/["\\]/g, '') + '"]');
    if (!input) return false;
    var p = document.createElement('p');
    p.className = 'field-error';
    p.id = 'error-' + field.replace(/[^A-Za-z0-9_-]/g, '-');
    p.textContent = e.message;
    input.insertAdjacentElement('afterend', p);
    input.setAttribute('aria-invalid', 'true');
    var described = input.getAttribute('aria-describedby');
    input.setAttribute('aria-describedby', described ? described + ' ' + p.id : p.id);
    input.focus();
    input.addEventListener('input', function () { clearFieldErrors(form); }, { once: true });
    return true;
  }

  function save(form, section, body, after) {
    var status = document.getElementById('form-status');
    H.say(status, t('saving'), 'info');
    clearFieldErrors(form);
    var button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    return H.api('PUT', '/api/v1/lead/' + section, body).then(function (saved) {
      H.say(status, t('saved'), 'ok');
      if (after) after(saved);
    }).catch(function (e) {
      // The summary stays by the button too, for whoever is looking there.
      H.say(status, H.errorText(e), 'error');
      showFieldError(form, e);
    }).then(function () {
      if (button) button.disabled = false;
    });
  }

  function nullIfBlank(v) {
    v = (v || '').trim();
    return v ? v : null;
  }

  // ---------------------------------------------------------------- hours

  function hoursPage() {
    var form = document.getElementById('hours-form');
    var data = initial(form);
    var zone = document.getElementById('time-zone');
    var always = document.getElementById('always-open');
    var week = document.getElementById('week');
    var holidays = document.getElementById('holiday-list');

    function addSlot(day, open, close) {
      var slot = row('slot-row');
      slot.querySelector('.open').value = open || '09:00';
      slot.querySelector('.close').value = close || '17:00';
      slot.querySelector('.remove').addEventListener('click', function () { slot.remove(); });
      week.querySelector('.day[data-day="' + day + '"] .slots').appendChild(slot);
      return slot;
    }

    function addHoliday(date, name) {
      var h = row('holiday-row');
      h.querySelector('.date').value = date || '';
      h.querySelector('.name').value = name || '';
      h.querySelector('.remove').addEventListener('click', function () { h.remove(); });
      holidays.appendChild(h);
      return h;
    }

    zone.value = data.timeZone || 'UTC';
    always.checked = !!data.alwaysOpen;
    var unstaffed = document.getElementById('closed-unstaffed');
    unstaffed.checked = !!data.closedWhenUnstaffed;
    (data.weeklyHours || []).forEach(function (s) { addSlot(s.day, s.open, s.close); });
    (data.holidays || []).forEach(function (h) { addHoliday(h.date, h.name); });
    function showWeek() { week.classList.toggle('off', always.checked); week.disabled = always.checked; }
    showWeek();
    always.addEventListener('change', showWeek);
    Array.prototype.forEach.call(week.querySelectorAll('.day'), function (day) {
      day.querySelector('.add-slot').addEventListener('click', function () {
        addSlot(parseInt(day.dataset.day, 10)).querySelector('.open').focus();
      });
    });
    // "Copy this day's hours to…": the chosen days get exactly this day's slots (theirs are replaced).
    Array.prototype.forEach.call(week.querySelectorAll('.day'), function (day) {
      var select = day.querySelector('.copy-to');
      if (!select) return;
      select.addEventListener('change', function () {
        var from = parseInt(day.dataset.day, 10);
        var choice = select.value;
        if (!choice) return;
        var targets = choice === 'weekdays' ? [1, 2, 3, 4, 5] : choice === 'all' ? [1, 2, 3, 4, 5, 6, 7] : [parseInt(choice, 10)];
        var slots = Array.prototype.map.call(day.querySelectorAll('.slot'), function (s) {
          return [s.querySelector('.open').value, s.querySelector('.close').value];
        });
        targets.filter(function (d) { return d !== from; }).forEach(function (d) {
          week.querySelector('.day[data-day="' + d + '"] .slots').textContent = '';
          slots.forEach(function (s) { addSlot(d, s[0], s[1]); });
        });
        select.value = '';
        H.say(document.getElementById('form-status'), t('hours.copied'), 'info');
      });
    });
    document.getElementById('add-holiday').addEventListener('click', function () {
      addHoliday().querySelector('.date').focus();
    });

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var slots = [];
      Array.prototype.forEach.call(week.querySelectorAll('.day'), function (day) {
        Array.prototype.forEach.call(day.querySelectorAll('.slot'), function (s) {
          // Named as the hub names them in a refusal, so its message lands on the right input.
          s.querySelector('.open').dataset.field = 'weeklyHours.' + slots.length + '.open';
          s.querySelector('.close').dataset.field = 'weeklyHours.' + slots.length + '.close';
          slots.push({ day: parseInt(day.dataset.day, 10), open: s.querySelector('.open').value, close: s.querySelector('.close').value });
        });
      });
      var days = [];
      Array.prototype.forEach.call(holidays.querySelectorAll('.holiday'), function (h) {
        h.querySelector('.date').dataset.field = 'holidays.' + days.length + '.date';
        h.querySelector('.name').dataset.field = 'holidays.' + days.length + '.name';
        days.push({ date: h.querySelector('.date').value, name: nullIfBlank(h.querySelector('.name').value) });
      });
      save(form, 'hours', { timeZone: zone.value.trim(), alwaysOpen: always.checked, weeklyHours: slots, holidays: days,
        closedWhenUnstaffed: unstaffed.checked });
    });
  }

  // ---------------------------------------------------------------- lists by language (referrals, canned)

  /** An item of an ordered list (a referral, a canned response, a safeguarding basis), moved and removed by its own buttons. */
  function addItem(container, fill, value) {
    var item = row('item-row');
    fill(item, value || {});
    item.querySelector('.remove').addEventListener('click', function () { item.remove(); });
    item.querySelector('.up').addEventListener('click', function () {
      if (item.previousElementSibling) container.insertBefore(item, item.previousElementSibling);
    });
    item.querySelector('.down').addEventListener('click', function () {
      if (item.nextElementSibling) container.insertBefore(item.nextElementSibling, item);
    });
    container.appendChild(item);
    return item;
  }

  /** Names an item's inputs as the hub names them in a refusal (referrals.es.2.url), so its message lands there. */
  function nameFields(item, prefix) {
    Array.prototype.forEach.call(item.querySelectorAll('input, textarea'), function (input) {
      var f = (input.className.match(/\bf-([a-z]+)/) || [])[1];
      if (f) input.dataset.field = prefix + f;
    });
  }

  function listPage(formId, section, field, fill, read) {
    var form = document.getElementById(formId);
    var data = initial(form)[field] || {};

    function add(container, value) {
      return addItem(container, fill, value);
    }

    Array.prototype.forEach.call(form.querySelectorAll('.by-lang'), function (fs) {
      var container = fs.querySelector('.items');
      (data[fs.dataset.lang] || []).forEach(function (v) { add(container, v); });
      fs.querySelector('.add-item').addEventListener('click', function () {
        var item = add(container);
        var first = item.querySelector('input, textarea');
        if (first) first.focus();
      });
    });

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var out = {};
      Array.prototype.forEach.call(form.querySelectorAll('.by-lang'), function (fs) {
        out[fs.dataset.lang] = Array.prototype.map.call(fs.querySelectorAll('.item'), function (item, i) {
          nameFields(item, field + '.' + fs.dataset.lang + '.' + i + '.');
          return read(item);
        });
      });
      var body = {};
      body[field] = out;
      save(form, section, body);
    });
  }

  function referralsPage() {
    listPage('referrals-form', 'referrals', 'referrals', function (item, r) {
      item.querySelector('.f-name').value = r.name || '';
      item.querySelector('.f-phone').value = r.phone || '';
      item.querySelector('.f-sms').value = r.sms || '';
      item.querySelector('.f-text').value = r.text || '';
      item.querySelector('.f-url').value = r.url || '';
    }, function (item) {
      return {
        name: item.querySelector('.f-name').value.trim(),
        phone: nullIfBlank(item.querySelector('.f-phone').value),
        sms: nullIfBlank(item.querySelector('.f-sms').value),
        text: nullIfBlank(item.querySelector('.f-text').value),
        url: nullIfBlank(item.querySelector('.f-url').value)
      };
    });
  }

  function cannedPage() {
    listPage('canned-form', 'canned', 'cannedResponses', function (item, c) {
      item.querySelector('.f-title').value = c.title || '';
      item.querySelector('.f-text').value = c.text || '';
    }, function (item) {
      return { title: item.querySelector('.f-title').value.trim(), text: item.querySelector('.f-text').value.trim() };
    });
  }

  // ---------------------------------------------------------------- partner directory (one entry at a time)

  function list(text) {
    return (text || '').split(',').map(function (x) { return x.trim(); }).filter(function (x) { return x; });
  }

  /**
   * A partner directory, one entry at a time: a lead's (its own entries, and the coalition's it adopted, which
   * are read-only here) or the coalition's on its admins' page. The list's data-api names the calls.
   */
  function partnersPage() {
    var container = document.getElementById('partner-list');
    var status = document.getElementById('form-status');
    var apiBase = container.dataset.api;
    var offered = {}; // coalition entries on the lead's page, by id: how to show them adopted or not

    function formOf(id) {
      return Array.prototype.find.call(container.querySelectorAll('form.partner'), function (f) { return f.dataset.id === id; });
    }

    function add(p) {
      var form = row('partner-row');
      var id = p.id || null;
      if (id) form.dataset.id = id;
      form.querySelector('.f-name').value = p.name || '';
      form.querySelector('.f-services').value = (p.services || []).join(', ');
      form.querySelector('.f-languages').value = (p.languages || []).join(', ');
      ['phone', 'sms', 'email', 'url', 'program'].forEach(function (f) { form.querySelector('.f-' + f).value = p[f] || ''; });
      if (p.source === 'coalition' && apiBase.indexOf('/api/v1/lead/') === 0) {
        form.querySelector('.f-source').hidden = false;
        Array.prototype.forEach.call(form.querySelectorAll('input'), function (i) { i.readOnly = true; });
        form.querySelector('button[type="submit"]').hidden = true;
      }
      var rowStatus = form.querySelector('[role="status"]'); // H.say replaces its classes
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        clearFieldErrors(form);
        var body = {
          name: form.querySelector('.f-name').value.trim(),
          services: list(form.querySelector('.f-services').value),
          languages: list(form.querySelector('.f-languages').value),
          phone: nullIfBlank(form.querySelector('.f-phone').value),
          sms: nullIfBlank(form.querySelector('.f-sms').value),
          email: nullIfBlank(form.querySelector('.f-email').value),
          url: nullIfBlank(form.querySelector('.f-url').value),
          program: nullIfBlank(form.querySelector('.f-program').value)
        };
        H.say(rowStatus, t('saving'), 'info');
        var call = id ? H.api('PUT', apiBase + '/' + encodeURIComponent(id), body) : H.api('POST', apiBase, body);
        call.then(function (saved) {
          id = saved.id;
          form.dataset.id = id;
          H.say(rowStatus, t('saved'), 'ok');
        }).catch(function (err) {
          H.say(rowStatus, H.errorText(err), 'error');
          showFieldError(form, err);
        });
      });
      form.querySelector('.remove').addEventListener('click', function () {
        var name = form.querySelector('.f-name').value || '';
        if (!id) { form.remove(); return; }
        if (!window.confirm(t(container.dataset.confirm, name))) return;
        H.api('DELETE', apiBase + '/' + encodeURIComponent(id)).then(function () {
          form.remove();
          if (offered[id]) offered[id](false);
          H.say(status, t('removed'), 'ok');
        }).catch(function (err) { H.say(rowStatus, H.errorText(err), 'error'); });
      });
      container.appendChild(form);
      return form;
    }

    /** A coalition entry the lead may adopt (it joins the list above, read-only) or drop again. */
    function offer(list, p) {
      var item = row('coalition-row');
      item.querySelector('.c-name').textContent = p.name;
      item.querySelector('.c-detail').textContent = [(p.services || []).join(', '), (p.languages || []).join(', ')]
        .filter(function (x) { return x; }).join(' · ');
      var adopt = item.querySelector('.adopt');
      var drop = item.querySelector('.drop');
      var rowStatus = item.querySelector('[role="status"]');
      /** The buttons and the row's status say whether it is adopted; {@code said} replaces the status once. */
      function show(adopted, said) {
        adopt.hidden = adopted;
        drop.hidden = !adopted;
        H.say(rowStatus, said || (adopted ? t('partner_adopted') : ''), 'ok');
      }
      offered[p.id] = show;
      var url = '/api/v1/lead/coalition-partners/' + encodeURIComponent(p.id);
      adopt.addEventListener('click', function () {
        H.api('PUT', url).then(function (entry) {
          if (!formOf(entry.id)) add(entry);
          show(true);
          drop.focus();
        }).catch(function (err) { H.say(rowStatus, H.errorText(err), 'error'); });
      });
      drop.addEventListener('click', function () {
        H.api('DELETE', url).then(function () {
          var form = formOf(p.id);
          if (form) form.remove();
          show(false, t('removed'));
          adopt.focus();
        }).catch(function (err) { H.say(rowStatus, H.errorText(err), 'error'); });
      });
      show(!!p.adopted);
      list.appendChild(item);
    }

    (initial(container).partners || []).forEach(add);
    var coalition = document.getElementById('coalition-list');
    if (coalition) (initial(coalition).partners || []).forEach(function (p) { offer(coalition, p); });
    document.getElementById('add-partner').addEventListener('click', function () {
      add({}).querySelector('.f-name').focus();
    });
  }

  // ---------------------------------------------------------------- safeguarding bases (on the register's page)

  function sharingPage() {
    var form = document.getElementById('safeguarding-form');
    var container = form.querySelector('.items');
    function fill(item, b) {
      item.querySelector('.f-name').value = b.name || '';
      item.querySelector('.f-description').value = b.description || '';
    }
    (initial(form).bases || []).forEach(function (b) { addItem(container, fill, b); });
    form.querySelector('.add-item').addEventListener('click', function () {
      addItem(container, fill).querySelector('.f-name').focus();
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var bases = Array.prototype.map.call(container.querySelectorAll('.item'), function (item, i) {
        nameFields(item, 'bases.' + i + '.');
        return { name: item.querySelector('.f-name').value.trim(), description: nullIfBlank(item.querySelector('.f-description').value) };
      });
      save(form, 'safeguarding', { bases: bases });
    });
  }

  // ---------------------------------------------------------------- widget and retention

  function widgetPage() {
    var form = document.getElementById('widget-form');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var title = {};
      var notice = {};
      Array.prototype.forEach.call(form.querySelectorAll('fieldset[data-lang]'), function (fs) {
        title[fs.dataset.lang] = fs.querySelector('.f-title').value;
        notice[fs.dataset.lang] = fs.querySelector('.f-notice').value;
      });
      // One site a line; blank lines are dropped from the box too, so the line the hub names in a refusal is the one shown.
      var sites = document.getElementById('embed-origins');
      var origins = sites.value.split('\n').map(function (l) { return l.trim(); }).filter(function (l) { return l !== ''; });
      sites.value = origins.join('\n');
      save(form, 'widget', {
        title: title,
        notice: notice,
        primaryColor: document.getElementById('colour').value,
        position: document.getElementById('position').value,
        quickExitUrl: document.getElementById('quick-exit').value.trim(),
        embedOrigins: origins
      }, function (saved) {
        sites.value = saved.embedOrigins.join('\n');
        document.getElementById('embed-any').hidden = saved.embedOrigins.length > 0;
      });
    });
  }

  function retentionPage() {
    var form = document.getElementById('retention-form');
    function number(id) {
      var v = document.getElementById(id).value.trim();
      return v === '' ? null : Number(v);
    }
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      save(form, 'retention', {
        idleTimeoutMinutes: number('idle'),
        maxConversationHours: number('lifetime'),
        smsBlockDays: number('sms-block')
      });
    });
  }

  // ---------------------------------------------------------------- staff

  function staffPage() {
    var table = document.getElementById('staff-table');
    var accounts = {};
    (initial(table).accounts || []).forEach(function (a) { accounts[a.username] = a; });
    var status = document.getElementById('form-status');

    function checked(name) {
      return Array.prototype.filter.call(document.querySelectorAll('input[name="' + name + '"]'), function (c) { return c.checked; })
        .map(function (c) { return c.value; });
    }

    function reloadSoon() { setTimeout(function () { location.reload(); }, 600); }

    var editDialog = document.getElementById('edit-dialog');
    var editing = null;
    function openEdit(a) {
      editing = a;
      document.getElementById('edit-username').textContent = a.username;
      document.getElementById('edit-display-name').value = a.displayName;
      document.getElementById('edit-role').value = a.role;
      document.getElementById('edit-capacity').value = a.capacity;
      Array.prototype.forEach.call(document.querySelectorAll('input[name="edit-lang"]'), function (c) {
        c.checked = a.languages.indexOf(c.value) >= 0;
      });
      var phone = document.getElementById('edit-phone');
      phone.value = a.phone || '';
      // The phone rings for every program the person works in: shown, not editable, unless this lead leads them all.
      phone.readOnly = !!a.phoneLocked;
      phone.setAttribute('aria-describedby', a.phoneLocked ? 'edit-phone-elsewhere' : 'edit-phone-hint');
      document.getElementById('edit-phone-hint').hidden = !!a.phoneLocked;
      document.getElementById('edit-phone-elsewhere').hidden = !a.phoneLocked;
      // This program's rule for them; another program's requirement is shown, and stays whatever is chosen here.
      document.getElementById('edit-require-totp').checked = !!a.totpRequiredHere;
      document.getElementById('edit-totp-elsewhere').hidden = !a.totpRequiredElsewhere;
      H.say(document.getElementById('edit-status'), '');
      clearFieldErrors(document.getElementById('edit-form'));
      editDialog.showModal();
    }
    document.getElementById('edit-cancel').addEventListener('click', function () { editDialog.close(); });
    document.getElementById('edit-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var editForm = e.target;
      var editStatus = document.getElementById('edit-status');
      clearFieldErrors(editForm);
      H.api('PUT', '/api/v1/lead/staff/' + encodeURIComponent(editing.username), {
        displayName: document.getElementById('edit-display-name').value,
        role: document.getElementById('edit-role').value,
        capacity: Number(document.getElementById('edit-capacity').value),
        languages: checked('edit-lang'),
        phone: document.getElementById('edit-phone').value,
        requireTotp: document.getElementById('edit-require-totp').checked
      }).then(function () {
        editDialog.close();
        H.say(status, t('saved'), 'ok');
        reloadSoon();
      }).catch(function (err) {
        // A refusal about the display name is shown next to it, as on the create form; anything else on the status line.
        if (showFieldError(editForm, err)) H.say(editStatus, '');
        else H.say(editStatus, H.errorText(err), 'error');
      });
    });

    var pwDialog = document.getElementById('password-dialog');
    var resetting = null;
    document.getElementById('reset-cancel').addEventListener('click', function () { pwDialog.close(); });
    document.getElementById('reset-form').addEventListener('submit', function (e) {
      e.preventDefault();
      H.api('POST', '/api/v1/lead/staff/' + encodeURIComponent(resetting) + '/password', {
        password: document.getElementById('reset-password').value
      }).then(function () {
        pwDialog.close();
        H.say(status, t('saved'), 'ok');
      }).catch(function (err) { H.say(document.getElementById('reset-status'), H.errorText(err), 'error'); });
    });

    table.addEventListener('click', function (e) {
      var button = e.target.closest('button[data-action]');
      if (!button) return;
      var username = button.closest('tr').dataset.username;
      var a = accounts[username];
      switch (button.dataset.action) {
        case 'edit':
          openEdit(a);
          break;
        case 'password':
          resetting = username;
          document.getElementById('password-username').textContent = username;
          document.getElementById('reset-password').value = '';
          H.say(document.getElementById('reset-status'), '');
          pwDialog.showModal();
          break;
        case 'totp-reset':
          if (!window.confirm(t('staff.confirm_totp_reset', username))) return;
          H.api('POST', '/api/v1/lead/staff/' + encodeURIComponent(username) + '/totp-reset')
            .then(reloadSoon).catch(function (err) { H.say(status, H.errorText(err), 'error'); });
          break;
        case 'unlock':
          H.api('POST', '/api/v1/lead/staff/' + encodeURIComponent(username) + '/unlock')
            .then(function () { H.say(status, t('staff.unlocked', username), 'ok'); })
            .catch(function (err) { H.say(status, H.errorText(err), 'error'); });
          break;
        case 'remove':
          if (!window.confirm(t('staff.confirm_remove', username))) return;
          H.api('POST', '/api/v1/lead/staff/' + encodeURIComponent(username) + '/remove')
            .then(function () { H.say(status, t('staff.removed', username), 'ok'); reloadSoon(); })
            .catch(function (err) { H.say(status, H.errorText(err), 'error'); });
          break;
        case 'disable':
        case 'enable':
          var disable = button.dataset.action === 'disable';
          if (disable && !window.confirm(t('staff.confirm_disable', username))) return;
          H.api('PUT', '/api/v1/lead/staff/' + encodeURIComponent(username), { disabled: disable })
            .then(reloadSoon).catch(function (err) { H.say(status, H.errorText(err), 'error'); });
          break;
        default:
          break;
      }
    });

    var createForm = document.getElementById('create-form');
    createForm.addEventListener('submit', function (e) {
      e.preventDefault();
      var createStatus = document.getElementById('create-status');
      H.say(createStatus, t('saving'), 'info');
      clearFieldErrors(createForm);
      H.api('POST', '/api/v1/lead/staff', {
        username: document.getElementById('new-username').value.trim(),
        displayName: document.getElementById('new-display-name').value.trim(),
        role: document.getElementById('new-role').value,
        capacity: Number(document.getElementById('new-capacity').value),
        languages: checked('new-lang'),
        password: document.getElementById('new-password').value,
        requireTotp: document.getElementById('new-require-totp').checked
      }).then(function () {
        H.say(createStatus, t('staff.created'), 'ok');
        reloadSoon();
      }).catch(function (err) {
        // A refusal about the username (e.g. a reserved one) or the display name is shown next to it; anything else on the status line.
        if (showFieldError(createForm, err)) H.say(createStatus, '');
        else H.say(createStatus, H.errorText(err), 'error');
      });
    });

    var securityForm = document.getElementById('security-form');
    var securityConfirm = document.getElementById('security-confirm');
    var requireAll = document.getElementById('require-totp-all');
    function saveSecurity() {
      var securityStatus = document.getElementById('security-status');
      securityConfirm.hidden = true;
      H.api('PUT', '/api/v1/lead/security', { requireTotpForAll: requireAll.checked })
        .then(function () {
          if (requireAll.checked && securityForm.dataset.selfEnrolled !== 'true') {
            location.assign('/console/totp'); // the lead is one of "everyone": set-up comes next
            return;
          }
          securityForm.dataset.wasRequired = String(requireAll.checked);
          H.say(securityStatus, t('saved'), 'ok');
        })
        .catch(function (err) { H.say(securityStatus, H.errorText(err), 'error'); });
    }
    securityForm.addEventListener('submit', function (e) {
      e.preventDefault();
      // Turning it on applies to the lead too: say so before they are sent to set it up.
      if (requireAll.checked && securityForm.dataset.wasRequired !== 'true' && securityForm.dataset.selfEnrolled !== 'true') {
        securityConfirm.hidden = false;
        document.getElementById('security-confirm-yes').focus();
        return;
      }
      saveSecurity();
    });
    document.getElementById('security-confirm-yes').addEventListener('click', saveSecurity);
    document.getElementById('security-confirm-no').addEventListener('click', function () {
      securityConfirm.hidden = true;
      requireAll.focus();
    });
  }

  // ---------------------------------------------------------------- the coalition admin's programs

  /**
   * Create a program, name a lead, set numbers: each form calls the coalition API, shows its refusal (at the field
   * it names, else on the form's status line), and after a change the table and the program choices are read again.
   */
  function coalitionProgramsPage() {
    var table = document.getElementById('program-table');
    var programs = initial(table).programs || [];

    function cell(tr, text, className) {
      var td = document.createElement('td');
      td.className = className;
      td.textContent = text || '';
      tr.appendChild(td);
    }

    function show(list) {
      programs = list;
      var body = table.tBodies[0];
      body.textContent = '';
      list.forEach(function (p) {
        var tr = document.createElement('tr');
        tr.dataset.program = p.id;
        var th = document.createElement('th');
        th.scope = 'row';
        var code = document.createElement('code');
        code.textContent = p.id;
        th.appendChild(code);
        if (p['default']) {
          var badge = document.createElement('span');
          badge.className = 'badge';
          badge.textContent = t('coalition.default');
          th.appendChild(document.createTextNode(' '));
          th.appendChild(badge);
        }
        tr.appendChild(th);
        cell(tr, p.name, 'p-name');
        cell(tr, (p.leads || []).join(', '), 'p-leads');
        cell(tr, p.smsNumber, 'p-sms');
        cell(tr, p.voiceNumber, 'p-voice');
        body.appendChild(tr);
      });
      Array.prototype.forEach.call(document.querySelectorAll('select.program-choice'), function (select) {
        var was = select.value;
        select.textContent = '';
        list.filter(function (p) { return !(select.dataset.othersOnly && p['default']); }).forEach(function (p) {
          var o = document.createElement('option');
          o.value = p.id;
          o.textContent = p.id;
          select.appendChild(o);
        });
        if (was) select.value = was;
        if (!select.value && select.options.length) select.selectedIndex = 0;
      });
      document.getElementById('numbers-none').hidden = list.length > 1;
      fillNumbers();
    }

    function reload() {
      return H.api('GET', '/api/v1/coalition/programs').then(function (r) { show(r.programs || []); });
    }

    /** The numbers form shows the chosen program's numbers as they are. */
    var numbersProgram = document.getElementById('numbers-program');
    function fillNumbers() {
      var chosen = programs.filter(function (p) { return p.id === numbersProgram.value; })[0] || {};
      document.getElementById('numbers-sms').value = chosen.smsNumber || '';
      document.getElementById('numbers-voice').value = chosen.voiceNumber || '';
    }
    numbersProgram.addEventListener('change', fillNumbers);
    fillNumbers();

    function submit(form, statusId, call) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var status = document.getElementById(statusId);
        H.say(status, t('saving'), 'info');
        clearFieldErrors(form);
        var button = form.querySelector('button[type="submit"]');
        button.disabled = true;
        call().then(reload).then(function () {
          H.say(status, t('saved'), 'ok');
        }).catch(function (err) {
          H.say(status, H.errorText(err), 'error');
          showFieldError(form, err);
        }).then(function () { button.disabled = false; });
      });
    }

    submit(document.getElementById('create-program-form'), 'create-status', function () {
      return H.api('POST', '/api/v1/coalition/programs', {
        id: document.getElementById('program-id').value.trim(),
        name: nullIfBlank(document.getElementById('program-name').value)
      });
    });
    submit(document.getElementById('lead-form'), 'lead-status', function () {
      if (!document.getElementById('lead-username').value.trim()) {
        return Promise.reject(new H.ApiError(400, { message: t('coalition.username_required'), field: 'username' }));
      }
      return H.api('PUT', '/api/v1/coalition/programs/' + encodeURIComponent(document.getElementById('lead-program').value)
        + '/leads/' + encodeURIComponent(document.getElementById('lead-username').value.trim()), {});
    });
    submit(document.getElementById('numbers-form'), 'numbers-status', function () {
      return H.api('PUT', '/api/v1/coalition/programs/' + encodeURIComponent(numbersProgram.value) + '/numbers', {
        sms: nullIfBlank(document.getElementById('numbers-sms').value),
        voice: nullIfBlank(document.getElementById('numbers-voice').value)
      });
    });
  }

  var pages = { hours: hoursPage, referrals: referralsPage, canned: cannedPage, partners: partnersPage, sharing: sharingPage, widget: widgetPage,
    retention: retentionPage, staff: staffPage, 'coalition-programs': coalitionProgramsPage, 'coalition-partners': partnersPage };
  if (pages[page]) pages[page]();
})();
