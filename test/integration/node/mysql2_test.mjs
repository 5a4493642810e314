// Node's mysql2 driver against a running `flashlake server`: prepared statements (execute(), the
// binary protocol) with parameters of every type the driver can bind, inserts and selects of each
// column type, NULLs, dates, decimals and errors; the text protocol (query()) and the probes and
// session statements that drivers and tools send on connect.
//
// usage: node mysql2_test.mjs PORT PASSWORD   (exit code 0 when every check passes)
import mysql from 'mysql2/promise';

const [port, password] = process.argv.slice(2);
const T = mysql.TypedParameter;
let passes = 0;
let failures = 0;

function check(name, actual, expected) {
    const a = JSON.stringify(actual, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    const e = JSON.stringify(expected, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    if (a === e) {
        passes++;
    } else {
        failures++;
        console.log(`FAIL: ${name}\n  expected ${e}\n  got      ${a}`);
    }
}

// Runs `fn`, which must fail with MySQL error `errno`; checks the message holds `fragment`.
async function checkError(name, errno, fragment, fn) {
    try {
        await fn();
        failures++;
        console.log(`FAIL: ${name}: no error, expected ${errno}`);
    } catch (error) {
        check(`${name} errno (${error.message})`, error.errno, errno);
        check(`${name} message`, String(error.sqlMessage ?? error.message).includes(fragment) ? fragment : error.message,
              fragment);
    }
}

const options = {
    host: '127.0.0.1',
    port: Number(port),
    user: 'root',
    password,
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
};
const conn = await mysql.createConnection(options);

// ---- connect-time probes and session statements (text protocol) ----
{
    // What MySQL Connector/J asks right after connecting.
    const [rows] = await conn.query(
        'SELECT @@session.auto_increment_increment AS auto_increment_increment, @@character_set_client AS ' +
        'character_set_client, @@character_set_connection AS character_set_connection, @@character_set_results ' +
        'AS character_set_results, @@character_set_server AS character_set_server, @@collation_server AS ' +
        'collation_server, @@collation_connection AS collation_connection, @@init_connect AS init_connect, ' +
        '@@interactive_timeout AS interactive_timeout, @@license AS license, @@lower_case_table_names AS ' +
        'lower_case_table_names, @@max_allowed_packet AS max_allowed_packet, @@net_write_timeout AS ' +
        'net_write_timeout, @@performance_schema AS performance_schema, @@query_cache_size AS query_cache_size, ' +
        '@@query_cache_type AS query_cache_type, @@sql_mode AS sql_mode, @@system_time_zone AS system_time_zone, ' +
        '@@time_zone AS time_zone, @@transaction_isolation AS transaction_isolation, @@tx_isolation AS ' +
        'tx_isolation, @@wait_timeout AS wait_timeout');
    check('Connector/J probe', rows[0], {
        auto_increment_increment: '1', character_set_client: 'utf8mb4', character_set_connection: 'utf8mb4',
        character_set_results: 'utf8mb4', character_set_server: 'utf8mb4', collation_server: 'utf8mb4_general_ci',
        collation_connection: 'utf8mb4_general_ci', init_connect: '', interactive_timeout: '28800',
        license: 'Apache-2.0', lower_case_table_names: '0', max_allowed_packet: '67108864', net_write_timeout: '60',
        performance_schema: '0', query_cache_size: '0', query_cache_type: 'OFF', sql_mode: 'ONLY_FULL_GROUP_BY',
        system_time_zone: 'UTC', time_zone: 'UTC', transaction_isolation: 'REPEATABLE-READ',
        tx_isolation: 'REPEATABLE-READ', wait_timeout: '28800',
    });
    const [probe] = await conn.query('SELECT @@version_comment LIMIT 1');
    check('@@version_comment', Object.values(probe[0]), ['Flashlake']);

    for (const sql of ['SET NAMES utf8mb4', 'SET NAMES utf8mb4 COLLATE utf8mb4_general_ci', 'SET autocommit=1',
                       "SET SESSION sql_mode = 'ONLY_FULL_GROUP_BY'", "SET time_zone = 'UTC'"]) {
        const [ok] = await conn.query(sql);
        check(`${sql} is OK`, ok.constructor.name, 'ResultSetHeader');
    }
    const [nulled] = await conn.query('SET character_set_results = NULL');
    check('SET character_set_results = NULL', nulled.constructor.name, 'ResultSetHeader');
    const [results] = await conn.query('SELECT @@character_set_results AS r');
    check('character_set_results after SET ... NULL', results[0].r, null);

    const [variables] = await conn.query("SHOW VARIABLES LIKE 'max_allowed%'");
    check('SHOW VARIABLES LIKE', variables, [{ Variable_name: 'max_allowed_packet', Value: '67108864' }]);
    const [warnings, warningFields] = await conn.query('SHOW WARNINGS');
    check('SHOW WARNINGS', [warnings, warningFields.map((f) => f.name)], [[], ['Level', 'Code', 'Message']]);
    const [engines] = await conn.query('SHOW ENGINES');
    check('SHOW ENGINES', engines.map((e) => [e.Engine, e.Support]), [['Paimon', 'DEFAULT']]);
    const [collations] = await conn.query("SHOW COLLATION LIKE 'utf8mb4%'");
    check('SHOW COLLATION', collations.map((c) => [c.Collation, c.Charset, c.Id]), [['utf8mb4_general_ci', 'utf8mb4', '45']]);

    const [session] = await conn.query(
        'SELECT DATABASE() AS db, SCHEMA() AS sc, USER() AS u, CURRENT_USER() AS cu, CONNECTION_ID() AS id, ' +
        'VERSION() AS v, LAST_INSERT_ID() AS li');
    check('session functions', session[0],
          { db: null, sc: null, u: 'root@127.0.0.1', cu: 'root@%', id: String(conn.threadId), v: '8.0.33', li: '0' });
}

// ---- prepared statements: one parameter of each bindable type, echoed back ----
{
    const cases = [
        ['TINY', T.TINY(-128), -128, 'TINY'],
        ['TINY UNSIGNED', T.TINY.unsigned(255), 255, 'SHORT'],
        ['SHORT', T.SHORT(-32768), -32768, 'SHORT'],
        ['SHORT UNSIGNED', T.SHORT.unsigned(65535), 65535, 'LONG'],
        ['LONG', T.LONG(-2147483648), -2147483648, 'LONG'],
        ['LONG UNSIGNED', T.LONG.unsigned(4294967295), '4294967295', 'LONGLONG'],
        ['LONGLONG', T.LONGLONG(-9223372036854775808n), '-9223372036854775808', 'LONGLONG'],
        ['LONGLONG UNSIGNED', T.LONGLONG.unsigned(18446744073709551615n), '18446744073709551615', 'NEWDECIMAL'],
        ['FLOAT', T.FLOAT(1.5), 1.5, 'FLOAT'],
        ['DOUBLE', T.DOUBLE(-2.25e-300), -2.25e-300, 'DOUBLE'],
        ['JS number (DOUBLE)', 0.1, 0.1, 'DOUBLE'],
        ['NEWDECIMAL', T.NEWDECIMAL('-12345678901234567890.123456789'), '-12345678901234567890.123456789', 'NEWDECIMAL'],
        ['VAR_STRING', 'héllo, 世界', 'héllo, 世界', 'VAR_STRING'],
        ['empty string', '', '', 'VAR_STRING'],
        ['BLOB', Buffer.from([0x61, 0x00, 0x62]), 'a\u0000b', 'VAR_STRING'],
        ['DATE', T.DATE('2024-02-29'), '2024-02-29', 'DATE'],
        ['DATETIME', T.DATETIME('2024-02-29T23:59:58.250Z'), '2024-02-29 23:59:58.250000', 'DATETIME'],
        ['JS Date', new Date(Date.UTC(1999, 11, 31, 1, 2, 3)), '1999-12-31 01:02:03', 'DATETIME'],
        ['TIMESTAMP', T.TIMESTAMP('2000-01-01T00:00:00Z'), '2000-01-01 00:00:00', 'DATETIME'],
        ['TIME', T.TIME('-25:30:15'), '-25:30:15', 'VAR_STRING'],
        ['boolean (TINY)', true, 1, 'TINY'],
        ['NULL', null, null, 'NULL'],
    ];
    for (const [name, parameter, expected, type] of cases) {
        const [rows, fields] = await conn.execute('SELECT ? AS v', [parameter]);
        const value = Buffer.isBuffer(rows[0].v) ? rows[0].v.toString('latin1') : rows[0].v;
        check(`execute ${name}`, [value, mysql.Types[fields[0].columnType]], [expected, type]);
    }
    const [sum] = await conn.execute('SELECT ? + ? AS s, concat(?, ?) AS c, ? IS NULL AS n',
                                     [T.LONG(40), T.TINY(2), 'ab', T.LONG(7), null]);
    check('expressions over parameters', sum[0], { s: '42', c: 'ab7', n: 1 });
}

// ---- a table written and read through prepared statements ----
{
    await conn.query('CREATE DATABASE IF NOT EXISTS mysql2_test');
    await conn.query('USE mysql2_test');
    await conn.query('DROP TABLE IF EXISTS typed');
    await conn.query(
        'CREATE TABLE typed (id INT, b BOOLEAN, ti TINYINT, si SMALLINT, bi BIGINT, f FLOAT, d DOUBLE, ' +
        'dec DECIMAL(12, 3), s VARCHAR(40), dt DATE, ts DATETIME) PRIMARY KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1');
    const insert = 'INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    const [first] = await conn.execute(insert, [1, true, T.TINY(-7), T.SHORT(300), T.LONGLONG(9007199254740993n),
        T.FLOAT(0.5), 1.25, T.NEWDECIMAL('123456789.125'), "it's", T.DATE('2024-01-31'),
        T.DATETIME('2024-01-31T10:20:30Z')]);
    check('insert affected rows', first.affectedRows, 1);
    // The same statement again: every column NULL but the key.
    await conn.execute(insert, [2, null, null, null, null, null, null, null, null, null, null]);
    await conn.execute(insert, [3, false, 127, -1, '-42', -0.25, 1e100, '-0.001', 'z', '1970-01-01',
        '1970-01-01 00:00:01']);

    const [binary, fields] = await conn.execute('SELECT * FROM typed WHERE id >= ? ORDER BY id', [T.LONG(1)]);
    const expected = [
        { id: 1, b: 1, ti: -7, si: 300, bi: '9007199254740993', f: 0.5, d: 1.25, dec: '123456789.125', s: "it's",
          dt: '2024-01-31', ts: '2024-01-31 10:20:30' },
        { id: 2, b: null, ti: null, si: null, bi: null, f: null, d: null, dec: null, s: null, dt: null, ts: null },
        { id: 3, b: 0, ti: 127, si: -1, bi: '-42', f: -0.25, d: 1e100, dec: '-0.001', s: 'z', dt: '1970-01-01',
          ts: '1970-01-01 00:00:01' },
    ];
    check('binary rows of every column type', binary, expected);
    check('binary column types', fields.map((f) => mysql.Types[f.columnType]),
          ['LONG', 'TINY', 'TINY', 'SHORT', 'LONGLONG', 'FLOAT', 'DOUBLE', 'NEWDECIMAL', 'VAR_STRING', 'DATE', 'DATETIME']);
    // The text protocol gives the same rows (numbers as the driver parses text).
    const [text] = await conn.query('SELECT * FROM typed ORDER BY id');
    check('text rows equal binary rows', text, expected);

    const [limited] = await conn.execute('SELECT id FROM typed ORDER BY id LIMIT ? OFFSET ?', [2, 1]);
    check('LIMIT ? OFFSET ?', limited.map((r) => r.id), [2, 3]);
    const [filtered] = await conn.execute('SELECT id FROM typed WHERE s = ? OR dec = ? ORDER BY id',
                                          ["it's", T.NEWDECIMAL('-0.001')]);
    check('string and decimal parameters in WHERE', filtered.map((r) => r.id), [1, 3]);
    const [dated] = await conn.execute('SELECT count(*) AS n FROM typed WHERE dt < ? AND ts >= ?',
                                       [T.DATE('2024-01-31'), T.DATETIME('1970-01-01T00:00:01Z')]);
    check('date parameters in WHERE', dated[0].n, '1');
    const [deleted] = await conn.execute('DELETE FROM typed WHERE id = ?', [2]);
    check('DELETE with a parameter', deleted.constructor.name, 'ResultSetHeader');

    // Column definitions at prepare time: the query's columns, and one per parameter.
    const statement = await conn.prepare('SELECT id, s FROM typed WHERE id = ?');
    check('prepare: columns and parameters', [statement.statement.columns.map((c) => c.name), statement.statement.parameters.length],
          [['id', 's'], 1]);
    const [one] = await statement.execute([3]);
    check('execute a prepared statement', one, [{ id: 3, s: 'z' }]);
    statement.close();
    await checkError('execute after close', 1243, 'Unknown prepared statement handler', () => statement.execute([3]));
}

// ---- errors ----
{
    await checkError('unknown table at prepare', 1146, 'no_such_table',
                     () => conn.execute('SELECT * FROM no_such_table WHERE x = ?', [1]));
    await checkError('syntax error at prepare', 1064, 'syntax error', () => conn.execute('SELEC ?', [1]));
    await checkError('a value that does not fit its column', 1292, "cannot cast DOUBLE value '1000' to TINYINT",
                     () => conn.execute('INSERT INTO typed (id, ti) VALUES (?, ?)', [10, 1000]));
    await checkError('text that is not a number', 1292, "value 'twelve' to BIGINT",
                     () => conn.execute('INSERT INTO typed (id, bi) VALUES (?, ?)', [11, 'twelve']));
    await checkError('placeholders in a text query', 1235, 'prepared statement', () => conn.query('SELECT ?'));
    const [count] = await conn.query('SELECT count(*) AS n FROM typed');
    check('failed inserts wrote nothing', count[0].n, '2');
    // The connection keeps working after errors.
    const [still] = await conn.execute('SELECT ? AS ok', ['yes']);
    check('connection usable after errors', still[0].ok, 'yes');
}

// ---- limit on open statements per connection (the server runs with --max-prepared-statements 64) ----
{
    const other = await mysql.createConnection(options);
    const statements = [];
    for (let i = 0; i < 64; i++) statements.push(await other.prepare(`SELECT ${i} AS n`));
    await checkError('statement 65', 1461, 'max_prepared_stmt_count', () => other.prepare('SELECT 64 AS n'));
    statements[0].close();
    const again = await other.prepare('SELECT 65 AS n');
    const [rows] = await again.execute([]);
    check('a statement after one was closed', rows[0].n, 65);
    await other.end();
}

// ---- COM_CHANGE_USER: the connection goes on as another user, with that user's privileges ----
{
    const other = await mysql.createConnection(options);
    await other.query("CREATE USER IF NOT EXISTS mia IDENTIFIED BY 'mia-pw'");
    await other.query('CREATE DATABASE IF NOT EXISTS mia_db');
    await other.query('GRANT SELECT ON mia_db.* TO mia');
    await other.changeUser({ user: 'mia', password: 'mia-pw', database: 'mia_db' });
    const [who] = await other.query('SELECT CURRENT_USER() AS u, DATABASE() AS d');
    check('changeUser: user and database', who[0], { u: 'mia@%', d: 'mia_db' });
    await checkError('changeUser: privileges of the new user', 1044, "Access denied for user 'mia'",
        () => other.query('CREATE DATABASE mia_other'));
    await other.changeUser({ user: 'root', password });
    const [back] = await other.execute('SELECT CURRENT_USER() AS u');
    check('changeUser back to root', back[0].u, 'root@%');
    await other.end();
}

await conn.end();
console.log(`mysql2: ${passes} checks passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
