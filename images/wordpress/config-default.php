<?php
/* Read by Debian's /usr/share/wordpress/wp-config.php for every host name.
 * The values come from the environment the entry point exported. */
define('DB_NAME', getenv('WORDPRESS_DB_NAME'));
define('DB_USER', getenv('WORDPRESS_DB_USER'));
define('DB_PASSWORD', getenv('WORDPRESS_DB_PASSWORD'));
define('DB_HOST', getenv('WORDPRESS_DB_HOST'));
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY',
          'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as $k) {
	define($k, getenv('WORDPRESS_' . $k));
}
$table_prefix = getenv('WORDPRESS_TABLE_PREFIX') ?: 'wp_';
