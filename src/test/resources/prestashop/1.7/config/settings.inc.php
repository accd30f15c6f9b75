<?php
define('_DB_SERVER_', 'localhost');
define('_DB_NAME_', 'prestashop');
define('_DB_USER_', 'prestashop');
define('_DB_PASSWD_', 'fixture-db-password-never-leaves');
define('_DB_PREFIX_', 'ps_');
define('_MYSQL_ENGINE_', 'InnoDB');
define('_PS_CACHING_SYSTEM_', 'CacheMemcache');
define('_PS_CACHE_ENABLED_', '0');
define('_COOKIE_KEY_', 'fixtureCookieKeyNeverLeavesTheServer0123456789abcdefghijklmn');
define('_COOKIE_IV_', 'fixtureIV');
define('_PS_CREATION_DATE_', '2014-06-12');
if (!defined('_PS_VERSION_'))
	define('_PS_VERSION_', '1.6.1.18');
define('_RIJNDAEL_KEY_', 'fixtureRijndaelKeyNeverLeaves');
define('_RIJNDAEL_IV_', 'fixtureRijndaelIV==');
