-- A PrestaShop-like fixture for the backup and restore tests (R3.6-b, R3.6-d): a few ps_ tables
-- with some thousand rows, and every kind of value a dump must carry intact: quotes, backslashes,
-- tabs, newlines, accents, 4-byte characters, NULLs, binary bytes, decimals and dates; plus a
-- trigger, a view and a procedure, which the dump carries too (--triggers, --routines).
-- Rows come from MariaDB's SEQUENCE engine (seq_1_to_N tables).

CREATE TABLE ps_configuration (
  id_configuration INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(254) NOT NULL,
  value TEXT,
  date_upd DATETIME NOT NULL,
  UNIQUE KEY name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ps_customer (
  id_customer INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  firstname VARCHAR(255) NOT NULL,
  lastname VARCHAR(255) NOT NULL,
  email VARCHAR(255) NOT NULL,
  passwd_hash VARBINARY(32) NOT NULL,
  note TEXT NULL,
  birthday DATE NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  date_add DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ps_product (
  id_product INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  reference VARCHAR(64) NOT NULL,
  name VARCHAR(255) NOT NULL,
  description MEDIUMTEXT,
  price DECIMAL(20,6) NOT NULL,
  quantity INT NOT NULL DEFAULT 0,
  date_upd DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ps_orders (
  id_order INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  reference VARCHAR(9) NOT NULL,
  id_customer INT UNSIGNED NOT NULL,
  id_product INT UNSIGNED NOT NULL,
  total_paid DECIMAL(20,6) NOT NULL,
  gift_message TEXT NULL,
  date_add DATETIME NOT NULL,
  KEY id_customer (id_customer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO ps_configuration (name, value, date_upd)
SELECT CONCAT('PS_SETTING_', seq),
       CASE seq % 4
         WHEN 0 THEN CONCAT('{"shop":"Boutique d''Élodie","path":"C:\\\\www\\\\shop","n":', seq, '}')
         WHEN 1 THEN NULL
         WHEN 2 THEN CONCAT('ligne 1\nligne 2\tTab; DROP TABLE ps_orders; -- ', seq)
         ELSE CONCAT('€ ', seq, ' 😀 “guillemets” «français»')
       END,
       '2024-03-31 02:30:00' + INTERVAL seq MINUTE
FROM seq_1_to_300;

INSERT INTO ps_customer (firstname, lastname, email, passwd_hash, note, birthday, active, date_add)
SELECT ELT(1 + seq % 5, 'Zoé', 'François', 'O''Brien', 'Anaïs', 'Jean-Baptiste'),
       CONCAT(ELT(1 + seq % 4, 'Lefèvre', 'D''Artagnan', 'Back\\slash', 'Müller'), ' ', seq),
       CONCAT('client', seq, '@exemple.fr'),
       UNHEX(SHA2(CONCAT('secret', seq), 256)),
       IF(seq % 3 = 0, NULL, CONCAT('Note "', seq, '"\r\nà rappeler\0fin')),
       IF(seq % 7 = 0, NULL, '1970-01-01' + INTERVAL seq DAY),
       seq % 2,
       '2023-01-01 00:00:00' + INTERVAL seq HOUR
FROM seq_1_to_2000;

INSERT INTO ps_product (reference, name, description, price, quantity, date_upd)
SELECT CONCAT('REF-', LPAD(seq, 6, '0')),
       CONCAT(ELT(1 + seq % 3, 'Crème brûlée', 'T-shirt « été »', 'Café d''Éthiopie'), ' n°', seq),
       CONCAT('<p>Description with <b>HTML</b> & entities &amp; \\n not a newline</p>\n', REPEAT('Lorem ipsum ', seq % 50)),
       ROUND(seq * 1.17, 6),
       CAST(seq % 100 AS SIGNED) - 10,
       '2024-10-27 01:00:00' + INTERVAL seq SECOND
FROM seq_1_to_1500;

INSERT INTO ps_orders (reference, id_customer, id_product, total_paid, gift_message, date_add)
SELECT UPPER(LEFT(MD5(seq), 9)),
       1 + seq % 2000,
       1 + seq % 1500,
       ROUND(seq * 3.33, 6),
       IF(seq % 10 = 0, 'Joyeux anniversaire !\nBisous, Mémé', NULL),
       '2024-01-01 00:00:00' + INTERVAL seq MINUTE
FROM seq_1_to_5000;

CREATE VIEW ps_order_totals AS
SELECT id_customer, COUNT(*) AS orders, SUM(total_paid) AS total FROM ps_orders GROUP BY id_customer;

CREATE TRIGGER ps_product_touch BEFORE UPDATE ON ps_product FOR EACH ROW SET NEW.date_upd = NOW();

CREATE PROCEDURE ps_count_orders(OUT total INT) SELECT COUNT(*) INTO total FROM ps_orders;
