import {
  cellErrorsOf,
  countsTowardsKa122Cap,
  defaultTimeZone,
  DurationLimits,
  hostViolations,
  ImportCellError,
  importDuplicateKey,
  ImportRowReport,
  ImportRowValues,
  KA122_MAX_PARTICIPANTS,
  KA122_UNCOUNTED_ACTIVITY_TYPES,
  matchPerson,
  parseImportRow,
  ParsedImportRow,
} from '@mobility-hub/domain';
import type { EntityManager } from 'typeorm';
import type { ImportSummaryDto } from '../dto/report.dto';
import type { ImportFile } from './import-file';

/**
 * The dry run of an import file against the database: every row parsed and checked (the domain's
 * rules), then — one query each — the school's persons by address, the project's mobilities of
 * those persons (duplicates: same person, same dates), and the school's organisations (the sending
 * organisation: the school or a partner it registered; the receiving one: a host the school
 * registered, by OID or by name and country, or a new one when name, country and city are given).
 * Duplicates are not errors: they are reported and skipped. The commit runs the same analysis
 * inside its transaction and creates the `create` rows by their plans.
 */

export interface ImportProject {
  readonly id: string;
  readonly action: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly beneficiaryOrganisationId: string;
}

export interface NewHost {
  readonly key: string;
  readonly name: string;
  readonly country: string;
  readonly city: string;
  readonly oid: string | null;
  readonly timeZone: string;
}

/** How a valid row is created. */
export interface RowPlan {
  readonly row: number;
  readonly values: ImportRowValues;
  readonly sendingOrganisationId: string;
  readonly host: { readonly id: string } | { readonly newHost: string } | null;
}

export interface ImportAnalysis {
  readonly report: ImportRowReport[];
  readonly plans: RowPlan[];
  readonly newHosts: NewHost[];
  readonly summary: ImportSummaryDto;
  readonly valid: boolean;
}

interface OrganisationRow {
  id: string;
  name: string;
  country: string;
  city: string;
  oid: string | null;
  registered_by_organisation_id: string | null;
}

interface PersonRow {
  email: string;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('und');

export async function analyseImport(
  em: EntityManager,
  project: ImportProject,
  file: ImportFile,
  options: { readonly today: string; readonly durationLimits: DurationLimits },
  progress: (rowsDone: number) => Promise<void>,
): Promise<ImportAnalysis> {
  const school = project.beneficiaryOrganisationId;
  const context = { project, today: options.today, durationLimits: options.durationLimits };
  let parsed: ParsedImportRow[] = file.rows.map((r) => parseImportRow(r.row, r.cells, context));
  const emails = [...new Set(parsed.map((p) => p.values.email).filter((e): e is string => e !== null))];

  // One after the other: inside the commit's transaction they share one connection.
  const persons = (await em.query(
    `SELECT lower(email) AS email, first_name, last_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth
         FROM person WHERE organisation_id = $1 AND lower(email) = ANY($2::text[])`,
    [school, emails],
  )) as PersonRow[];
  const existing = (await em.query(
    `SELECT lower(pe.email) AS email, to_char(m.start_date, 'YYYY-MM-DD') AS start_date,
              to_char(m.end_date, 'YYYY-MM-DD') AS end_date
         FROM mobility m JOIN person pe ON pe.id = m.person_id
        WHERE m.project_id = $1 AND lower(pe.email) = ANY($2::text[])`,
    [project.id, emails],
  )) as { email: string; start_date: string; end_date: string }[];
  const organisations = (await em.query(
    `SELECT id, name, country, city, oid, registered_by_organisation_id
         FROM organisation WHERE id = $1 OR registered_by_organisation_id = $1 ORDER BY created_at, id`,
    [school],
  )) as OrganisationRow[];
  const counted =
    project.action === 'KA122-VET'
      ? ((await em.query(
          `SELECT count(*)::int AS n FROM mobility
            WHERE project_id = $1 AND phase <> 'withdrawn' AND NOT (activity_type = ANY($2::text[]))`,
          [project.id, KA122_UNCOUNTED_ACTIVITY_TYPES],
        )) as { n: number }[])
      : [{ n: 0 }];
  const personByEmail = new Map(persons.map((p) => [p.email, p]));
  // A learner the school knows with a date of birth needs none in the file (as on the create request).
  parsed = parsed.map((p, i) => {
    const known = p.values.email ? personByEmail.get(p.values.email) : undefined;
    return known?.date_of_birth && p.values.dateOfBirth === null
      ? parseImportRow(p.row, { ...file.rows[i].cells, dateOfBirth: known.date_of_birth }, context)
      : p;
  });

  const existingKeys = new Set(existing.map((m) => `${m.email}|${m.start_date}|${m.end_date}`));
  const schoolRow = organisations.find((o) => o.id === school);
  const partners = organisations.filter((o) => o.registered_by_organisation_id === school);
  const sendingCandidates = organisations;
  const newHosts = new Map<string, NewHost>();
  const seenKeys = new Set<string>();
  const newPersonDetails = new Map<string, PersonRow>();
  let participants = counted[0]?.n ?? 0;

  const report: ImportRowReport[] = [];
  const plans: RowPlan[] = [];
  const step = Math.max(1, Math.ceil(parsed.length / 20));
  for (let i = 0; i < parsed.length; i++) {
    const { row, values } = parsed[i];
    const errors: ImportCellError[] = [...parsed[i].errors];
    const fail = (column: string, rule: string, message: string) => errors.push({ row, column, rule, message });

    // The person: known to the school by address (the same details), or new (once per address).
    let newPerson = false;
    if (values.email && values.firstName && values.lastName) {
      const given = {
        firstName: values.firstName,
        lastName: values.lastName,
        email: values.email,
        dateOfBirth: values.dateOfBirth,
      };
      const known = personByEmail.get(values.email) ?? newPersonDetails.get(values.email);
      if (!personByEmail.has(values.email)) newPerson = true;
      if (known) {
        const match = matchPerson(
          {
            firstName: known.first_name,
            lastName: known.last_name,
            email: known.email,
            dateOfBirth: known.date_of_birth,
          },
          given,
        );
        if (match.kind === 'differs') errors.push(...cellErrorsOf(row, match.violations));
      } else {
        newPersonDetails.set(values.email, {
          email: values.email,
          first_name: values.firstName,
          last_name: values.lastName,
          date_of_birth: values.dateOfBirth,
        });
      }
    }

    // Sending: the school unless the file names another of its organisations.
    let sending: OrganisationRow | undefined = schoolRow;
    if (values.sendingOid) {
      sending = sendingCandidates.find((o) => o.oid === values.sendingOid);
      if (!sending) {
        fail(
          'Sending organisation OID',
          'your school or a partner it registered',
          `No organisation of your school has the OID ${values.sendingOid}`,
        );
      }
    } else if (values.sendingName) {
      sending = sendingCandidates.find((o) => norm(o.name) === norm(values.sendingName as string));
      if (!sending) {
        fail(
          'Sending organisation',
          'your school or a partner it registered',
          `"${values.sendingName}" is neither your school nor a partner it registered`,
        );
      }
    }

    // Receiving: a host the school registered, or a new one (name, country and city given).
    let host: RowPlan['host'] = null;
    let hostName: string | null = null;
    let hostCountry: string | null = null;
    let newHost = false;
    const { receivingOid, receivingName, receivingCountry, receivingCity } = values;
    if (receivingOid || receivingName || receivingCountry || receivingCity) {
      const found = receivingOid
        ? partners.find((o) => o.oid === receivingOid)
        : receivingName
          ? partners.find(
              (o) => norm(o.name) === norm(receivingName) && (!receivingCountry || o.country === receivingCountry),
            )
          : undefined;
      if (found) {
        host = { id: found.id };
        hostName = found.name;
        hostCountry = found.country;
      } else if (receivingName && receivingCountry && receivingCity) {
        const key = receivingOid ?? `${norm(receivingName)}|${receivingCountry}`;
        const timeZone = defaultTimeZone(receivingCountry);
        if (!timeZone) {
          fail(
            'Receiving country',
            'known country',
            `A new host in ${receivingCountry} cannot be registered from a file: register it first`,
          );
        } else {
          if (!newHosts.has(key)) {
            newHosts.set(key, {
              key,
              name: receivingName,
              country: receivingCountry,
              city: receivingCity,
              oid: receivingOid,
              timeZone,
            });
          }
          host = { newHost: key };
          hostName = receivingName;
          hostCountry = receivingCountry;
          newHost = true;
        }
      } else if (receivingOid && !receivingName) {
        fail(
          'Receiving organisation OID',
          'a host your school registered',
          `No host of your school has the OID ${receivingOid}; give its name, country and city to register it`,
        );
      } else {
        const lacking = [
          ['Receiving organisation', receivingName],
          ['Receiving country', receivingCountry],
          ['Receiving city', receivingCity],
        ].filter(([, value]) => !value);
        for (const [column] of lacking) {
          fail(
            column as string,
            'required for a new host',
            `${receivingName ? `"${receivingName}" is not a host your school registered: ` : ''}${column} is required to register a new host`,
          );
        }
      }
    }
    if (sending && hostCountry) errors.push(...cellErrorsOf(row, hostViolations(sending.country, hostCountry)));

    const key = importDuplicateKey(values);
    const duplicate = key !== null && (existingKeys.has(key) || seenKeys.has(key));
    if (key !== null) seenKeys.add(key);
    if (!errors.length && !duplicate && values.activityType && countsTowardsKa122Cap(values.activityType)) {
      if (project.action === 'KA122-VET' && ++participants > KA122_MAX_PARTICIPANTS) {
        fail(
          'Activity type',
          `KA122-VET max ${KA122_MAX_PARTICIPANTS} participants`,
          `a KA122-VET project takes at most ${KA122_MAX_PARTICIPANTS} participants`,
        );
      }
    }
    const action = errors.length ? 'error' : duplicate ? 'duplicate' : 'create';
    if (action === 'duplicate') {
      errors.length = 0;
    }
    report.push({
      row,
      action,
      participant: [values.firstName, values.lastName].filter(Boolean).join(' '),
      activityType: values.activityType,
      startDate: values.startDate,
      endDate: values.endDate,
      host: hostName,
      newPerson,
      newHost,
      errors,
    });
    if (action === 'create' && sending) {
      plans.push({ row, values, sendingOrganisationId: sending.id, host });
    }
    if ((i + 1) % step === 0) await progress(i + 1);
  }

  const creates = report.filter((r) => r.action === 'create');
  const hostKeys = new Set(plans.flatMap((p) => (p.host && 'newHost' in p.host ? [p.host.newHost] : [])));
  const invalid = report.filter((r) => r.action === 'error').length;
  const summary: ImportSummaryDto = {
    rows: report.length,
    valid: report.length - invalid,
    invalid,
    duplicates: report.filter((r) => r.action === 'duplicate').length,
    mobilities: creates.length,
    persons: new Set(plans.filter((p, i) => creates[i]?.newPerson).map((p) => p.values.email)).size,
    hosts: hostKeys.size,
  };
  return {
    report,
    plans,
    newHosts: [...newHosts.values()].filter((h) => hostKeys.has(h.key)),
    summary,
    valid: invalid === 0,
  };
}
