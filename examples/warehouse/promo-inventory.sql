-- Loads the promo-inventory sample into PostgreSQL for
-- examples/warehouse/promo-inventory-postgres.md. The CSV comes on standard
-- input (\copy … FROM pstdin reads it on the client, so the server may be
-- remote); from the repository root:
--
--   psql "postgres://analyst@db.internal/marketing" -v ON_ERROR_STOP=1 \
--     -f examples/warehouse/promo-inventory.sql < notebooks/data/promo-inventory.csv
--
-- -v table=NAME names the table (default promo_inventory). With your own
-- data, any table or view with these columns (names and types) will do.
\if :{?table}
\else
  \set table promo_inventory
\endif

CREATE TEMPORARY TABLE promo_inventory_load (
  week date NOT NULL,
  sku_nbr text NOT NULL,
  store_nbr text NOT NULL,
  promo_week text NOT NULL,      -- promo type, or REG in a regular week
  multiplier double precision,   -- allocation multiplier; empty in regular weeks
  boh double precision NOT NULL, -- balance on hand at the end of the week
  ml_forecast double precision NOT NULL,
  yearly_sales bigint NOT NULL,
  sku_cost double precision NOT NULL
);
-- \copy takes its line literally (no psql variables), hence the staging table.
\copy promo_inventory_load FROM pstdin WITH (FORMAT csv, HEADER true)
CREATE TABLE :"table" (LIKE promo_inventory_load INCLUDING ALL);
INSERT INTO :"table" SELECT * FROM promo_inventory_load;
-- The baseline groups and joins on SKU × store.
CREATE INDEX ON :"table" (sku_nbr, store_nbr);
ANALYZE :"table";
