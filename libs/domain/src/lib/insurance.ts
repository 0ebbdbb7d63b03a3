import type { RuleViolation } from './activity-types';

/**
 * Insurance of one mobility is a RULE, not advice: health, accident and third-party liability
 * for the whole stay, recorded by the sending side before departure (reference §3.2 #10 — the
 * sending organisation ensures cover, the learner holds it — and the Erasmus quality standards'
 * block 3, "health, safety and legal compliance", reference §1.4). One policy may cover several
 * risks; together the covers must leave none of the three open.
 */
export const INSURANCE_RISKS = ['health', 'accident', 'liability'] as const;
export type InsuranceRisk = (typeof INSURANCE_RISKS)[number];

export const INSURANCE_RISK_LABELS: Readonly<Record<InsuranceRisk, string>> = {
  health: 'health',
  accident: 'accident',
  liability: 'third-party liability',
};

/**
 * `policy`: an insurance contract (insurer, policy number). `ehic`: the participant's European
 * Health Insurance Card (the issuing health insurer, the card number).
 */
export const INSURANCE_COVER_KINDS = ['policy', 'ehic'] as const;
export type InsuranceCoverKind = (typeof INSURANCE_COVER_KINDS)[number];

export interface InsuranceCover {
  readonly kind: InsuranceCoverKind;
  readonly insurer: string;
  readonly policyNumber: string;
  readonly risks: readonly InsuranceRisk[];
}

/**
 * Where an EHIC is accepted: the EU member states, Iceland, Liechtenstein, Norway and Switzerland,
 * and the United Kingdom (EU-issued cards stay valid there under the 2020 EU–UK Trade and
 * Cooperation Agreement's social-security protocol).
 *
 * Decision: an EHIC COUNTS as health cover when the host is in one of these countries, because
 * the reference names it as the health cover "within EU" (§3.2 #10) and it gives the participant
 * medically necessary state-provided care on the same terms as the host country's insured. It
 * never counts for accident or third-party liability, nor for health outside this area (e.g.
 * Türkiye, North Macedonia, Serbia or a third country not associated to the programme), where a
 * private health policy is needed. A coordinator who wants repatriation or private care covered
 * records a policy for health as well; the rule asks for cover, not for the best cover.
 */
export const EHIC_COUNTRIES: readonly string[] = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'CH', 'GB',
]; // prettier-ignore

export function ehicAcceptedIn(country: string | null): boolean {
  return country !== null && EHIC_COUNTRIES.includes(country.toUpperCase());
}

/** The risks `cover` really covers for a stay in `hostCountry` (an EHIC: health, where it is accepted). */
export function coveredRisks(cover: InsuranceCover, hostCountry: string | null): InsuranceRisk[] {
  if (cover.kind === 'ehic') return cover.risks.includes('health') && ehicAcceptedIn(hostCountry) ? ['health'] : [];
  return INSURANCE_RISKS.filter((risk) => cover.risks.includes(risk));
}

/**
 * The risks no recorded cover takes for a stay in `hostCountry`, in the order of INSURANCE_RISKS
 * (empty: complete). Without a host, an EHIC covers nothing yet: where it counts is not known.
 */
export function missingInsuranceRisks(covers: readonly InsuranceCover[], hostCountry: string | null): InsuranceRisk[] {
  const covered = new Set(covers.flatMap((c) => coveredRisks(c, hostCountry)));
  return INSURANCE_RISKS.filter((risk) => !covered.has(risk));
}

/** "health and third-party liability" */
export function riskList(risks: readonly InsuranceRisk[]): string {
  const labels = risks.map((r) => INSURANCE_RISK_LABELS[r]);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/**
 * What is wrong with covers as recorded (422, each violation naming `covers[i].<field>`): an empty
 * insurer or number, no risk, a risk twice, an EHIC for anything but health or for a host where it
 * is not accepted. Completeness is not checked here: covers may be recorded one at a time; the
 * lifecycle refuses implementation while a risk is missing.
 */
export function insuranceViolations(covers: readonly InsuranceCover[], hostCountry: string | null): RuleViolation[] {
  const violations: RuleViolation[] = [];
  covers.forEach((cover, i) => {
    const at = `covers[${i}]`;
    if (!cover.insurer.trim()) {
      violations.push({ field: `${at}.insurer`, rule: 'required', message: 'name the insurer' });
    }
    if (!cover.policyNumber.trim()) {
      violations.push({
        field: `${at}.policyNumber`,
        rule: 'required',
        message: cover.kind === 'ehic' ? 'enter the card number' : 'enter the policy number',
      });
    }
    if (cover.risks.length === 0) {
      violations.push({ field: `${at}.risks`, rule: 'at least one risk', message: 'say which risks it covers' });
    } else if (new Set(cover.risks).size !== cover.risks.length) {
      violations.push({ field: `${at}.risks`, rule: 'each risk once', message: 'a risk is listed twice' });
    }
    if (cover.kind === 'ehic') {
      if (cover.risks.some((r) => r !== 'health')) {
        violations.push({
          field: `${at}.risks`,
          rule: 'EHIC covers health only',
          message:
            'a European Health Insurance Card covers health care only: record accident and liability cover as a policy',
        });
      } else if (hostCountry !== null && !ehicAcceptedIn(hostCountry)) {
        violations.push({
          field: `${at}.kind`,
          rule: 'EHIC accepted in the host country',
          message: `the European Health Insurance Card is not accepted in ${hostCountry.toUpperCase()}: record a health policy`,
        });
      }
    }
  });
  return violations;
}
