// A registry user and password for one pull or push, folded away until
// needed; held in the form's state only.
import type { Credentials } from '../../registry-auth';

export function CredentialsFields(p: { value: Credentials; onChange: (c: Credentials) => void }) {
  const set = (k: keyof Credentials) => (e: Event) => p.onChange({ ...p.value, [k]: (e.target as HTMLInputElement).value });
  return (
    <details class="credentials">
      <summary>registry login</summary>
      <input name="username" placeholder="user" autocomplete="off" value={p.value.username} onInput={set('username')} />
      <input name="password" type="password" placeholder="password" autocomplete="new-password" value={p.value.password} onInput={set('password')} />
    </details>
  );
}
