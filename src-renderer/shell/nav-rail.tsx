// The left rail: the product, then the sections this officer's role can use, grouped.
import { Brand } from '../components/brand';
import { Icon } from '../components/icon';
import type { Section } from './sections';

interface NavRailProps {
  sections: readonly Section[];
  currentId: string;
}

export function NavRail({ sections, currentId }: NavRailProps) {
  const groups = [...new Set(sections.map((section) => section.group))];
  return (
    <header className="rail">
      <Brand />
      <nav className="rail-nav" aria-label="Sections">
        {groups.map((group) => (
          <div className="rail-group" key={group}>
            <p className="rail-group-label" id={`rail-group-${group}`}>
              {group}
            </p>
            <ul aria-labelledby={`rail-group-${group}`}>
              {sections
                .filter((section) => section.group === group)
                .map((section) => (
                  <li key={section.id}>
                    <a
                      className="rail-link"
                      href={`#/${section.id}`}
                      aria-current={section.id === currentId ? 'page' : undefined}
                      aria-keyshortcuts={section.key}
                    >
                      <Icon name={section.icon} />
                      <span className="rail-link-label">{section.label}</span>
                      <kbd className="rail-link-key" aria-hidden="true">
                        {section.key}
                      </kbd>
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
    </header>
  );
}
