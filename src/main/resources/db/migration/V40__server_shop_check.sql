-- Issue 6, DESIGN rule 13 (a 4xx answer is a failure), R4.3 restoration check: what the shop's
-- URL must answer. shop_expected_status null: the setting ops.incident.shop-expected-status
-- (default 200) applies. shop_keyword null: the status alone decides; otherwise the page must
-- contain it (case-insensitive), e.g. the shop's name.
alter table ops_server add column shop_expected_status integer;
alter table ops_server add column shop_keyword varchar(200);
alter table ops_server add constraint ck_ops_server_shop_expected_status
    check (shop_expected_status is null or shop_expected_status between 100 and 599);
