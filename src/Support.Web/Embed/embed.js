// Support's prompt on a publisher's page (docs/embed.md, ADR 0017). Paste <script src=".../embed.js" async></script>
// and, where an inline prompt should go, <div data-support-prompt></div>; without the element it is a banner.
// The prompt's state lives in this site's localStorage as a token Support signed: Support's own cookie is a
// third-party cookie here, which Safari and Firefox block. Styles go in through CSSOM, so the page's CSP needs no
// style-src for us; no inline script, no eval.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.supportEmbedLoaded) return;
  window.supportEmbedLoaded = true;
  var base = new URL(script.src).origin;
  var KEY = 'support-prompt-state';
  var CSS = [
    '.prompt{--ink:#1a1a1a;--muted:#4a4a4a;--paper:#fff;--accent:#0b5cad;--accent-ink:#fff;--focus:#ffbf47;--error:#a4001d;',
    'background:#fff8e6;color:var(--ink);border-top:4px solid var(--accent);padding:1.25rem;margin:2rem 0 0;position:relative;',
    'font-family:Georgia,"Times New Roman",serif;line-height:1.6;font-size:1.125rem;box-sizing:border-box;text-align:left}',
    '.prompt *{box-sizing:border-box}.prompt[hidden]{display:none}.prompt h2{margin:0 0 .5rem;font-size:1.4rem;color:var(--ink)}',
    '.prompt a{color:var(--accent)}.prompt__appeal p{margin:.5rem 0}.prompt__form{font-family:system-ui,sans-serif;margin-top:1rem}',
    '.prompt fieldset{border:0;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;min-width:0}',
    '.prompt legend{font-weight:700;margin-bottom:.5rem;padding:0;float:none;width:100%}',
    '.prompt fieldset input[type=radio]{position:absolute;opacity:0;width:1px;height:1px;margin:0}',
    '.prompt__amounts input+label{border:2px solid var(--accent);border-radius:4px;padding:.5rem 1rem;cursor:pointer;min-width:4rem;text-align:center;background:var(--paper)}',
    '.prompt__amounts input:checked+label{background:var(--accent);color:var(--accent-ink)}',
    '.prompt__frequency input+label{border:2px solid var(--ink);border-radius:999px;padding:.35rem .9rem;cursor:pointer;background:var(--paper)}',
    '.prompt__frequency input:checked+label{background:var(--ink);color:var(--paper)}',
    '.prompt fieldset input:focus-visible+label,.prompt :focus-visible{outline:3px solid var(--focus);outline-offset:2px}',
    '.prompt__form>label{display:block;font-size:.95rem}.prompt__custom-label{flex-basis:100%}',
    '.prompt input[type=text],.prompt input[type=email]{font:inherit;padding:.5rem;border:2px solid var(--muted);border-radius:4px;width:100%;max-width:20rem;display:block;margin:0 0 .75rem;background:var(--paper);color:var(--ink)}',
    '.prompt__give{font:inherit;font-weight:700;background:var(--accent);color:var(--accent-ink);border:0;border-radius:4px;padding:.75rem 1.5rem;cursor:pointer}',
    '.prompt__note{font-size:.9rem;color:var(--muted)}.prompt__error{color:var(--error);font-weight:700;border-left:4px solid var(--error);padding-left:.75rem}',
    '.prompt__close{position:absolute;top:.5rem;right:.75rem;font-size:1.75rem;line-height:1;background:none;border:0;cursor:pointer;color:var(--ink);padding:.25rem .5rem}',
    '.prompt--banner{position:fixed;left:0;right:0;bottom:0;margin:0;max-height:80vh;overflow-y:auto;z-index:2147483000;box-shadow:0 -4px 16px rgba(0,0,0,.25)}',
    '.prompt--banner>*{max-width:42rem;margin-left:auto;margin-right:auto}.prompt--banner h2{padding-right:2.5rem}',
    '.prompt--banner .prompt__appeal{max-height:min(12rem,30vh);overflow-y:auto}',
    '.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    '.prompt__form:has(#frequency-month:checked) [data-frequency]:not([data-frequency=month]),',
    '.prompt__form:has(#frequency-year:checked) [data-frequency]:not([data-frequency=year]),',
    '.prompt__form:has(#frequency-once:checked) [data-frequency]:not([data-frequency=once]){display:none}',
    '.prompt-quiet{font-family:system-ui,sans-serif;font-size:.95rem;margin:2rem 0}',
    '.prompt__reminder{font-family:system-ui,sans-serif;margin-top:1rem}.prompt__reminder h3{margin:0 0 .5rem;font-size:1.2rem}',
    '.prompt__reminder fieldset{display:block}.reminder__choice{margin:.35rem 0}.reminder__date{color:var(--muted);font-size:.9rem}',
    '.prompt .reminder__choice input[type=radio]{position:static;opacity:1;width:auto;height:auto;margin:0 .5rem 0 0}'
  ].join('');
  // The page the prompt is for (its canonical address), set when the prompt is asked for.
  var page = '';

  function stored() { try { return localStorage.getItem(KEY) || ''; } catch (e) { return ''; } }
  // Storage off (some private modes): the state lasts this page, and the prompt is shown as to a new reader.
  function keep(token) { try { if (token) localStorage.setItem(KEY, token); } catch (e) { return; } }
  function here() { return location.href.split('#')[0]; }

  // Back from Stripe Checkout: Support put a signed receipt in the fragment; take it out of the address bar.
  function receipt() {
    var found = /(?:^#|&)support-gave=([^&]+)/.exec(location.hash);
    if (!found) return '';
    history.replaceState(history.state, '', here());
    return decodeURIComponent(found[1]);
  }

  function styles() {
    if (!('adoptedStyleSheets' in document) || typeof CSSStyleSheet.prototype.replaceSync !== 'function') return;
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
  }

  function post(path, body) {
    return fetch(base + path, { method: 'POST', body: body, credentials: 'include', keepalive: true })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) { if (answer) keep(answer.state); });
  }

  // As prompt.js on Support's pages: typing an amount picks "Other", another frequency picks its default amount,
  // and the button names the amount ("Give $25 every month").
  function amounts(give) {
    var custom = give.querySelector('input[name="customAmount"]');
    function frequency() {
      var chosen = give.querySelector('input[name="frequency"]:checked');
      return chosen ? chosen.value : 'month';
    }
    function button() {
      var span = give.querySelector('.prompt__give [data-frequency="' + frequency() + '"]');
      if (!span) return;
      var radio = give.querySelector('input[name="amount"]:checked');
      var typed = custom ? custom.value.trim() : '';
      var amount = '';
      if (typed !== '' && /^[0-9]+([.,][0-9]{1,2})?$/.test(typed)) amount = (give.getAttribute('data-symbol') || '').trim() + typed;
      else if (typed === '' && radio && radio.value !== 'other') {
        var label = give.querySelector('label[for="' + radio.id + '"]');
        amount = label && label.firstChild ? label.firstChild.textContent : '';
      }
      var template = span.getAttribute('data-button') || '';
      span.textContent = amount ? template.replace('{amount}', amount) : template.replace('{amount} ', '').replace('{amount}', '');
    }
    if (custom) {
      custom.addEventListener('input', function () {
        var other = give.querySelector('.prompt__amounts[data-frequency="' + frequency() + '"] input[value="other"]');
        if (other && custom.value.trim() !== '') other.checked = true;
        button();
      });
    }
    give.querySelectorAll('input[name="amount"]:not([value="other"])').forEach(function (radio) {
      radio.addEventListener('change', function () { if (custom) custom.value = ''; });
    });
    give.querySelectorAll('input[name="frequency"]').forEach(function (radio) {
      radio.addEventListener('change', function () {
        var group = give.querySelector('.prompt__amounts[data-frequency="' + radio.value + '"]');
        var preset = group && (group.querySelector('input[data-default]') || group.querySelector('input[name="amount"]'));
        if (preset) preset.checked = true;
        if (custom) custom.value = '';
        button();
      });
    });
    give.addEventListener('change', button);
    button();
  }

  function section(html) {
    var box = document.createElement('div');
    box.innerHTML = html;
    return box.querySelector('section');
  }

  function fail(form, message) {
    var error = form.querySelector('.prompt__error');
    if (!error) {
      error = document.createElement('p');
      error.className = 'prompt__error';
      error.setAttribute('role', 'alert');
      form.insertBefore(error, form.firstChild);
    }
    error.textContent = message || 'We could not set your reminder. Please try again in a moment.';
  }

  // "Remind me later" opens Support's reminder form inside the prompt and posts it from here: the prompt is then
  // hidden until the chosen date on this site, as after closing it. Without the script's help, the link opens
  // Support's own reminder page.
  function later(prompt, link, hide) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      var query = new URLSearchParams({ url: page });
      var variant = prompt.querySelector('#prompt-dismiss-form input[name="variant"]');
      if (variant) query.set('variant', variant.value);
      fetch(base + '/embed/reminder?' + query, { credentials: 'include' })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (answer) {
          var form = section(answer.html);
          prompt.querySelectorAll('.prompt__form,.prompt__later').forEach(function (part) { part.hidden = true; });
          prompt.insertBefore(form, prompt.querySelector('#prompt-dismiss-form'));
          form.querySelector('h3').focus();
          var fields = form.querySelector('form');
          fields.addEventListener('submit', function (submitted) {
            submitted.preventDefault();
            var body = new URLSearchParams(new FormData(fields));
            body.set('url', page);
            body.set('state', stored());
            fetch(new URL(fields.getAttribute('action'), base).href,
              { method: 'POST', body: body, credentials: 'include', headers: { Accept: 'application/json' } })
              .then(function (r) { return r.json().then(function (reply) { return { ok: r.ok, reply: reply }; }); })
              .then(function (result) {
                if (!result.ok) return fail(fields, result.reply.error);
                keep(result.reply.state);
                if (!result.reply.html) return hide(true);
                var done = section(result.reply.html);
                form.parentNode.replaceChild(done, form);
                done.querySelector('h3').focus();
                hide(false);
              })
              .catch(function () { fail(fields, ''); });
          });
        })
        .catch(function () { location.href = link.href; });
    });
  }

  function wire(host, slot) {
    host.querySelectorAll('form[action]').forEach(function (f) { f.action = new URL(f.getAttribute('action'), base).href; });
    host.querySelectorAll('a[href]').forEach(function (a) { a.href = new URL(a.getAttribute('href'), base).href; });
    var prompt = host.querySelector('#support-prompt');
    if (!prompt) return;
    var give = prompt.querySelector('form.prompt__form');
    if (give) {
      // Stripe sends the reader back here (Support checks that this page's origin is allowed).
      var back = document.createElement('input');
      back.type = 'hidden';
      back.name = 'returnTo';
      back.value = here();
      give.appendChild(back);
      amounts(give);
    }
    // Once a reminder is set the state already hides the prompt until its date; closing must not shorten that.
    var reminded = false;
    function hide(now) {
      reminded = true;
      if (!now) return;
      prompt.hidden = true;
      if (slot) slot.style.minHeight = '0';
    }
    var link = prompt.querySelector('.prompt__later a');
    if (link) later(prompt, link, hide);
    prompt.querySelectorAll('[data-dismiss]').forEach(function (button) {
      button.addEventListener('click', function (event) {
        event.preventDefault();
        prompt.hidden = true;
        if (reminded) return;
        var body = new URLSearchParams({ state: stored() });
        var variant = prompt.querySelector('#prompt-dismiss-form input[name="variant"]');
        if (variant) body.set('variant', variant.value);
        post('/embed/dismiss', body);
      });
    });
  }

  function start() {
    var slot = document.querySelector('[data-support-prompt]');
    var canonical = document.querySelector('link[rel="canonical"]');
    page = (slot && slot.getAttribute('data-url')) || (canonical && canonical.href) || here();
    // An allowed site's page Support has not seen is registered as an article under this title.
    var query = new URLSearchParams({
      url: page,
      title: (slot && slot.getAttribute('data-title')) || document.title,
      state: stored(),
      placement: slot ? 'inline' : 'banner'
    });
    var gave = receipt();
    if (gave) query.set('gave', gave);
    fetch(base + '/embed/prompt?' + query, { credentials: 'include' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (!answer) return;
        keep(answer.state);
        // The space the publisher reserved is for the full prompt (CSSOM, which a strict CSP allows).
        if (slot && answer.show !== 'full') slot.style.minHeight = '0';
        if (!answer.html) return;
        styles();
        var host = slot || document.body.appendChild(document.createElement('div'));
        host.innerHTML = answer.html;
        wire(host, slot);
      })
      .catch(function () { return; });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
