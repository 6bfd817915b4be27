// Banner behaviour for the support prompt. Everything here is an enhancement: without it the prompt is an inline
// form, "Remind me later" is a plain link to the reminder form (/reminders/new), and the banner's close control
// submits the dismiss form (#prompt-dismiss-form) as a normal POST that redirects back to the article. With it,
// closing the banner hides it at once and posts that same form in the background.
document.addEventListener('DOMContentLoaded', () => {
  const prompt = document.getElementById('support-prompt');
  if (!prompt) return;

  const dismissForm = document.getElementById('prompt-dismiss-form');
  prompt.querySelectorAll('[data-dismiss]').forEach((button) => {
    button.addEventListener('click', (event) => {
      if (!prompt.classList.contains('prompt--banner')) return; // inline: let the form post normally
      event.preventDefault();
      // The server answers with a signed cookie that keeps the prompt hidden on later pages.
      fetch(dismissForm.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(dismissForm)),
        headers: { Accept: 'application/json' },
        keepalive: true,
        credentials: 'same-origin',
      });
      prompt.hidden = true;
      document.getElementById('main')?.focus();
    });
  });

  const form = prompt.querySelector('form[action="/support/checkout"]');
  if (!form) return;
  const frequency = () => form.querySelector('input[name="frequency"]:checked')?.value ?? 'month';

  // Typing an amount picks the chosen frequency's "Other", so the typed amount is what the reader sees selected.
  const custom = form.querySelector('input[name="customAmount"]');
  custom?.addEventListener('input', () => {
    const other = form.querySelector(`.prompt__amounts[data-frequency="${frequency()}"] input[value="other"]`);
    if (other && custom.value.trim() !== '') other.checked = true;
  });
  form.querySelectorAll('input[name="amount"]:not([value="other"])').forEach((radio) => {
    radio.addEventListener('change', () => { if (custom) custom.value = ''; });
  });

  // Frequency: the stylesheet already shows the chosen frequency's amounts; here its default amount is chosen (so an
  // amount of another frequency is never sent) and the button names the amount: "Give $25 once".
  const updateButton = () => {
    const chosen = frequency();
    const span = form.querySelector(`.prompt__give [data-frequency="${chosen}"]`);
    if (!span) return;
    const radio = form.querySelector('input[name="amount"]:checked');
    const typed = custom?.value.trim() ?? '';
    let amount = '';
    if (typed !== '' && /^[0-9]+([.,][0-9]{1,2})?$/.test(typed)) amount = form.dataset.symbol.trim() + typed;
    else if (typed === '' && radio && radio.value !== 'other') amount = form.querySelector(`label[for="${radio.id}"]`)?.firstChild?.textContent ?? '';
    const template = span.dataset.button ?? '';
    span.textContent = amount ? template.replace('{amount}', amount) : template.replace('{amount} ', '').replace('{amount}', '');
  };
  form.querySelectorAll('input[name="frequency"]').forEach((radio) => {
    radio.addEventListener('change', () => {
      const group = form.querySelector(`.prompt__amounts[data-frequency="${frequency()}"]`);
      const preset = group?.querySelector('input[data-default]') ?? group?.querySelector('input[name="amount"]');
      if (preset) preset.checked = true;
      if (custom) custom.value = '';
      updateButton();
    });
  });
  form.addEventListener('change', updateButton);
  custom?.addEventListener('input', updateButton);
  updateButton();
});
