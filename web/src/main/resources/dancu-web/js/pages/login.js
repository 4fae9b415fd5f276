// Login: a session cookie for the rest of the visit; the page then shows what the role may see.
import { el } from '../dom.js';
import { login } from '../api.js';
import { change } from '../state.js';

export function render(main, ctx, { reboot }) {
  const { t } = ctx;
  const username = el('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const problem = el('p', { class: 'form-error', role: 'alert', id: 'login-error' });
  const form = el('form', { class: 'login', id: 'login-form' },
    el('h3', { class: 'panel-title', text: t.loginTitle }),
    el('p', { class: 'kpi-detail', text: t.loginHelp }),
    el('div', { class: 'field' }, el('label', { for: 'username', text: t.username }), username),
    el('div', { class: 'field' }, el('label', { for: 'password', text: t.password }), password),
    problem,
    el('button', { type: 'submit', id: 'login-submit', text: t.login }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    try {
      await login(username.value.trim(), password.value);
      change(ctx.state, { page: ctx.state.back && ctx.state.back !== 'login' ? ctx.state.back : undefined, back: undefined }, true);
      reboot();
    }
    catch (error) {
      problem.textContent = `${t.loginFailed}: ${error.message}`;
      password.value = '';
      password.focus();
    }
  });
  main.append(form);
  username.focus();
}
