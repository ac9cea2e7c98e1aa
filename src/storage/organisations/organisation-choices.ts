/** Every organisation's id and name, by name: what the users page offers a lead's account. */
import type { Db } from '../database.ts';

export interface OrganisationChoice {
  readonly id: number;
  readonly name: string;
}

export async function listOrganisationChoices(db: Db): Promise<OrganisationChoice[]> {
  return db.kysely.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute();
}
