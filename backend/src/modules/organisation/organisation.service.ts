import { defaultTimeZone } from '@mobility-hub/domain';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/db-errors';
import { pagingOf } from '../../common/pagination';
import { escapeLike } from '../../common/sql';
import { Problems } from '../../common/problem/problem';
import { CreateOrganisationDto, ListOrganisationsQuery, OrganisationDto, OrganisationPageDto } from './dto/organisation.dto';
import { OrganisationEntity } from './organisation.entity';

@Injectable()
export class OrganisationService {
  constructor(@InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>) {}

  async create(dto: CreateOrganisationDto): Promise<OrganisationDto> {
    const country = dto.country.toUpperCase();
    const timeZone = dto.timeZone ?? defaultTimeZone(country);
    if (!timeZone) {
      throw Problems.invalidRequest([
        { field: 'timeZone', rule: 'required', message: `timeZone is required for organisations in ${country}` },
      ]);
    }
    const duplicate = (oid: string) =>
      Problems.conflict('duplicate-oid', 'Duplicate OID', `An organisation with OID ${oid} already exists`, {
        errors: [{ field: 'oid', rule: 'unique', message: `OID ${oid} is already registered` }],
      });
    if (dto.oid && (await this.organisations.existsBy({ oid: dto.oid }))) throw duplicate(dto.oid);
    try {
      const saved = await this.organisations.save(
        this.organisations.create({
          name: dto.name.trim(),
          kind: dto.kind,
          country,
          city: dto.city.trim(),
          oid: dto.oid ?? null,
          email: dto.email?.toLowerCase() ?? null,
          timeZone,
        }),
      );
      return toOrganisationDto(saved);
    } catch (error) {
      // A concurrent request registered the same OID between the check and the insert.
      if (dto.oid && isUniqueViolation(error, 'organisation_oid_key')) throw duplicate(dto.oid);
      throw error;
    }
  }

  async list(query: ListOrganisationsQuery): Promise<OrganisationPageDto> {
    const paging = pagingOf(query);
    const qb = this.organisations.createQueryBuilder('o').orderBy('o.name').addOrderBy('o.id');
    if (query.country) qb.andWhere('o.country = :country', { country: query.country.toUpperCase() });
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.q) {
      const pattern = `%${escapeLike(query.q)}%`;
      qb.andWhere(new Brackets((w) => w.where('o.name ILIKE :pattern').orWhere('o.city ILIKE :pattern')), { pattern });
    }
    const [rows, total] = await qb.skip(paging.offset).take(paging.pageSize).getManyAndCount();
    return { items: rows.map(toOrganisationDto), total, page: paging.page, pageSize: paging.pageSize };
  }

  async get(id: string): Promise<OrganisationDto> {
    const found = await this.organisations.findOneBy({ id });
    if (!found) throw Problems.notFound('Organisation', id);
    return toOrganisationDto(found);
  }
}

export function toOrganisationDto(o: OrganisationEntity): OrganisationDto {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    country: o.country,
    city: o.city,
    oid: o.oid,
    email: o.email,
    timeZone: o.timeZone,
  };
}
