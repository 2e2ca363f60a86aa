// Builds the user search filter from the policy's template. The username is escaped as RFC 4515
// §3 asks (ldapts' Filter.escape: `*` `(` `)` `\` and NUL) before it enters the template,
// and the result is parsed into ldapts filter objects, so a username can never add a clause.
import { escapeFilter, Filter, FilterParser } from 'ldapts';

export function userFilter(template: string, username: string): Filter {
  return FilterParser.parseString(template.replaceAll('{username}', Filter.escape(username)));
}

/** Groups a user belongs to through any depth of nesting (Active Directory's LDAP_MATCHING_RULE_IN_CHAIN). */
export function nestedGroupFilter(userDn: string): Filter {
  return FilterParser.parseString(escapeFilter`(member:1.2.840.113556.1.4.1941:=${userDn})`);
}

/** Groups that list the user directly (OpenLDAP without the memberof overlay). */
export function directGroupFilter(userDn: string): Filter {
  return FilterParser.parseString(
    escapeFilter`(|(&(objectClass=groupOfNames)(member=${userDn}))(&(objectClass=groupOfUniqueNames)(uniqueMember=${userDn})))`,
  );
}
