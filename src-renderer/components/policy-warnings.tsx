// Conditions IT chose that weaken protection (for example plain LDAP), on every screen, so that
// nobody works on a weakened workstation without knowing it.
import { Icon } from './icon';

export function PolicyWarnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="policy-warnings" aria-label="Security warnings">
      <Icon name="warning" size={22} />
      <div>
        <p className="policy-warnings-title">This workstation is set up with weakened protection</p>
        <ul>
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
