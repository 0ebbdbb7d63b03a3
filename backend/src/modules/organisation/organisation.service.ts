import { defaultTimeZone, sendingOrganisationIds } from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../common/db-errors';
import type { Identity } from '../../common/identity';
import { pagingOf } from '../../common/pagination';
import { escapeLike } from '../../common/sql';
import { Problems } from '../../common/problem/problem';
import { sqlParams, visibleOrganisationSql } from '../access/access.sql';
import {
  CityListDto,
  CreateOrganisationDto,
  ListOrganisationsQuery,
  OrganisationDto,
  OrganisationPageDto,
} from './dto/organisation.dto';

const COLUMNS = `o.id, o.name, o.kind, o.country, o.city, o.oid, o.email, o.time_zone AS "timeZone",
  o.registered_by_organisation_id AS "registeredByOrganisationId"`;

/**
 * Organisations as the signed-in person sees them: their own, and the partners (host companies,
 * other schools) their organisations registered. Another organisation's partners do not exist for them.
 */
@Injectable()
export class OrganisationService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Registers a partner of one of the caller's organisations (they work there as coordinator or staff). */
  async create(identity: Identity, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    const registrar = this.registrar(identity, dto.registeredByOrganisationId);
    const country = dto.country.toUpperCase();
    const timeZone = dto.timeZone ?? defaultTimeZone(country);
    if (!timeZone) {
      throw Problems.invalidRequest([
        { field: 'timeZone', rule: 'required', message: `timeZone is required for organisations in ${country}` },
      ]);
    }
    const duplicate = (oid: string) =>
      Problems.conflict(
        'duplicate-oid',
        'Duplicate OID',
        `Your organisation already registered a partner with OID ${oid}`,
        {
          errors: [{ field: 'oid', rule: 'unique', message: `OID ${oid} is already registered` }],
        },
      );
    if (dto.oid) {
      const [existing] = await this.db.query(
        `SELECT 1 FROM organisation WHERE oid = $1 AND registered_by_organisation_id = $2`,
        [dto.oid, registrar],
      );
      if (existing) throw duplicate(dto.oid);
    }
    try {
      const [row] = await this.db.query(
        `INSERT INTO organisation (name, kind, country, city, oid, email, time_zone, registered_by_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          dto.name.trim(),
          dto.kind,
          country,
          dto.city.trim(),
          dto.oid ?? null,
          dto.email?.toLowerCase() ?? null,
          timeZone,
          registrar,
        ],
      );
      return this.get(identity, row.id);
    } catch (error) {
      // A concurrent request registered the same OID between the check and the insert.
      if (dto.oid && isUniqueViolation(error, 'organisation_oid_key')) throw duplicate(dto.oid);
      throw error;
    }
  }

  async list(identity: Identity, query: ListOrganisationsQuery): Promise<OrganisationPageDto> {
    const paging = pagingOf(query);
    const { params, param } = sqlParams();
    const where = [visibleOrganisationSql(identity, param)];
    if (query.country) where.push(`o.country = ${param(query.country.toUpperCase())}`);
    if (query.kind) where.push(`o.kind = ${param(query.kind)}`);
    if (query.q) {
      const pattern = param(`%${escapeLike(query.q)}%`);
      where.push(`(o.name ILIKE ${pattern} OR o.city ILIKE ${pattern})`);
    }
    const filter = `WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${COLUMNS} FROM organisation o ${filter} ORDER BY o.name, o.id LIMIT ${paging.pageSize} OFFSET ${paging.offset}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS total FROM organisation o ${filter}`, params),
    ]);
    return {
      items: rows.map((r: Omit<OrganisationDto, 'yourRole'>) => this.toDto(identity, r)),
      total,
      page: paging.page,
      pageSize: paging.pageSize,
    };
  }

  /** The distinct cities of the visible organisations in `country`, by name: suggestions for a new one. */
  async cities(identity: Identity, country: string): Promise<CityListDto> {
    const { params, param } = sqlParams([country]);
    const rows: { city: string }[] = await this.db.query(
      `SELECT min(o.city) AS city FROM organisation o
        WHERE o.country = $1 AND ${visibleOrganisationSql(identity, param)} AND btrim(o.city) <> ''
        GROUP BY lower(btrim(o.city)) ORDER BY lower(btrim(o.city)) LIMIT 200`,
      params,
    );
    return { cities: rows.map((r) => r.city) };
  }

  async get(identity: Identity, id: string): Promise<OrganisationDto> {
    const { params, param } = sqlParams([id]);
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM organisation o WHERE o.id = $1 AND ${visibleOrganisationSql(identity, param)}`,
      params,
    );
    if (!row) throw Problems.notFound('Organisation', id);
    return this.toDto(identity, row);
  }

  private toDto(identity: Identity, row: Omit<OrganisationDto, 'yourRole'>): OrganisationDto {
    return { ...row, yourRole: identity.memberships.find((m) => m.organisationId === row.id)?.role ?? null };
  }

  /** The caller's organisation that registers a new partner: the one named, or their only one. */
  private registrar(identity: Identity, named: string | undefined): string {
    const own = sendingOrganisationIds(identity);
    if (named !== undefined) {
      if (!own.includes(named)) throw Problems.notFound('Organisation', named, 'registeredByOrganisationId');
      return named;
    }
    if (own.length === 1) return own[0];
    if (own.length === 0) {
      throw Problems.forbidden(
        'role-not-allowed',
        'Only coordinators and staff of a sending organisation register partners.',
      );
    }
    throw Problems.invalidRequest([
      {
        field: 'registeredByOrganisationId',
        rule: 'required',
        message: 'registeredByOrganisationId is required: you work for several organisations',
      },
    ]);
  }
}
