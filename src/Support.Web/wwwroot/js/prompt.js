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

  // Typing an amount picks "Other", so the typed amount is what the reader sees selected.
  const custom = prompt.querySelector('input[name="customAmount"]');
  const other = prompt.querySelector('input[name="amount"][value="other"]');
  custom?.addEventListener('input', () => { if (other && custom.value.trim() !== '') other.checked = true; });
  prompt.querySelectorAll('input[name="amount"]:not([value="other"])').forEach((radio) => {
    radio.addEventListener('change', () => { if (custom) custom.value = ''; });
  });
});
