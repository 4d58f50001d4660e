-- Lookups by index for FerretDB 1.24 on PostgreSQL. Run once in the database FerretDB keeps its
-- documents in (as a superuser: event triggers need one); safe to run again.
--   psql "$FERRETDB_POSTGRESQL_URL" -f deploy/ferretdb/postgres-lookups.sql
--
-- Why: FerretDB 1.24 asks PostgreSQL for a document by `_id` (and for any equality it pushes down)
-- as `WHERE _jsonb->$1 @> $2`, while the index it creates is a btree on `(_jsonb->'_id')`, which
-- `@>` cannot use (FerretDB issue 4646, fixed in 2.0). Every read by id and every guarded replace
-- then scans the whole collection: at 10,000 tickets one took 0.5-0.7 s here. Two changes make
-- those lookups index scans:
--   1. a GIN twin of the first field of every index FerretDB creates (`_id` included): GIN serves `@>`;
--   2. custom plans for this database: FerretDB prepares its statements, and a generic plan of
--      `_jsonb->$1` (the field a parameter) cannot match an index on `_jsonb->'_id'`; planned with
--      the parameters' values it does.

do $$
begin
  execute format('alter database %I set plan_cache_mode = force_custom_plan', current_database());
end
$$;

-- The GIN twin of a FerretDB index: on the index's first field, named after its table and field.
create or replace function helpdesk_ferretdb_gin_twin(index_oid oid) returns void
language plpgsql as $$
declare
  definition text := pg_get_indexdef(index_oid);
  field text := substring(definition from '\(_jsonb -> ''((?:[^'']|'''')+)''::text\)');
  indexed regclass;
  table_name name;
begin
  select i.indrelid::regclass, c.relname into indexed, table_name
  from pg_index i join pg_class c on c.oid = i.indrelid
  where i.indexrelid = index_oid;
  -- Only FerretDB's own indexes (on a field of its `_jsonb` column), never a twin again.
  if field is null or definition like '% USING gin %' then
    return;
  end if;
  execute format(
    'create index if not exists %I on %s using gin ((_jsonb -> %L) jsonb_path_ops)',
    left(table_name, 40) || '_' || left(md5(field), 8) || '_gin',
    indexed,
    replace(field, '''''', '''')
  );
end
$$;

create or replace function helpdesk_ferretdb_gin_twins() returns event_trigger
language plpgsql as $$
declare
  created record;
begin
  for created in
    select objid from pg_event_trigger_ddl_commands() where command_tag = 'CREATE INDEX'
  loop
    perform helpdesk_ferretdb_gin_twin(created.objid);
  end loop;
end
$$;

drop event trigger if exists helpdesk_ferretdb_gin_twins;
create event trigger helpdesk_ferretdb_gin_twins on ddl_command_end
  when tag in ('CREATE INDEX') execute function helpdesk_ferretdb_gin_twins();

-- Collections FerretDB made before this ran get their twins now.
select helpdesk_ferretdb_gin_twin(i.indexrelid)
from pg_index i
join pg_class c on c.oid = i.indrelid
join pg_attribute a on a.attrelid = c.oid and a.attname = '_jsonb'
join pg_namespace n on n.oid = c.relnamespace
where n.nspname not in ('pg_catalog', 'information_schema');
