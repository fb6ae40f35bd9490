'use strict';
// Signs in: the token goes once, as JSON in a POST body; the node answers with an HttpOnly session cookie.

document.addEventListener('DOMContentLoaded', async () => {
  const form = document.getElementById('sign-in');
  const input = document.getElementById('token');
  const error = document.getElementById('token-error');
  const session = await api.get('/ui/session').catch(() => null);
  if (session && session.signedIn) {
    location.assign('/');
    return;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    try {
      await api.post('/ui/session', { token: input.value });
      input.value = '';
      location.assign('/');
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = e.status === 401 ? 'That is not this node\'s API token.' : e.message;
      input.focus();
    }
  });
});
