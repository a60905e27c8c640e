// SPDX-License-Identifier: GPL-2.0
/* Unit tests of dmzguardctl's policy parser, printer and helpers. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../kmod/glob.h"
#include "event_line.h"
#include "policy_lex.h"
#include "test.h"

int t_failed, t_pass, t_fail;

static char *diag_buf;
static size_t diag_len;

/* Parse @text as file "t.policy"; diagnostics land in diag_buf. */
static int parse(struct policy *pol, const char *text)
{
	int ret;

	free(diag_buf);
	diag_buf = NULL;
	policy_diag = open_memstream(&diag_buf, &diag_len);
	policy_init(pol);
	ret = policy_parse_string(pol, "t.policy", text);
	if (!ret)
		ret = policy_finish(pol);
	fclose(policy_diag);
	policy_diag = stderr;
	return ret;
}

/* The first diagnostic line for a policy that must be rejected. */
static const char *error_of(const char *text)
{
	struct policy pol;
	int ret = parse(&pol, text);

	policy_free(&pol);
	if (!ret)
		return "(accepted)";
	if (diag_buf) {
		char *nl = strchr(diag_buf, '\n');

		if (nl)
			*nl = '\0';
	}
	return diag_buf;
}

/* Parse @len bytes as the file t.policy, in a directory of its own. */
static int parse_file_bytes(struct policy *pol, const char *bytes, size_t len)
{
	char dir[] = "/tmp/dmzg-unit-XXXXXX", cwd[4096];
	FILE *f;
	int ret = -1;

	free(diag_buf);
	diag_buf = NULL;
	policy_init(pol);
	if (!getcwd(cwd, sizeof(cwd)) || !mkdtemp(dir) || chdir(dir))
		return -1;
	f = fopen("t.policy", "wb");
	if (f) {
		fwrite(bytes, 1, len, f);
		fclose(f);
		policy_diag = open_memstream(&diag_buf, &diag_len);
		ret = policy_parse_file(pol, "t.policy");
		if (!ret)
			ret = policy_finish(pol);
		fclose(policy_diag);
		policy_diag = stderr;
		unlink("t.policy");
	}
	if (chdir(cwd) || rmdir(dir))
		ret = -1;
	return ret;
}

/* The diagnostics for a file that must be rejected. */
static const char *error_of_file(const char *bytes, size_t len)
{
	struct policy pol;
	int ret = parse_file_bytes(&pol, bytes, len);

	policy_free(&pol);
	return ret ? diag_buf : "(accepted)";
}

#define WRAP(body) "profile p {\n\tattach /usr/sbin/d\n" body "}\n"

static const char *const ftp_policy =
	"# policy/ftp-dmz.policy\n"
	"profile ftpd {\n"
	"\tattach /usr/sbin/vsftpd\n"
	"\tmode enforce\n"
	"\n"
	"\texec allow /usr/bin/ls\n"
	"\texec allow /usr/lib/ftp/** -> helper\n"
	"\texec default deny\n"
	"\tconnect allow tcp 127.0.0.1 port 25\n"
	"\tconnect allow udp 192.0.2.53 port 53\n"
	"\tconnect allow tcp 2001:db8::/32 port 443\n"
	"\tconnect default deny\n"
	"\tbind allow tcp 0.0.0.0 port 21\n"
	"\tbind allow tcp any port 40000-40100\n"
	"\tbind default deny\n"
	"\tunix allow /dev/log\n"
	"\tunix allow @/org/example\n"
	"\twrite allow /var/log/vsftpd.log\n"
	"\twrite allow /srv/ftp/incoming/**\n"
	"\twrite default deny\n"
	"\tcapability allow sys_chroot net_bind_service\n"
	"\tcapability deny chown\n"
	"\tsocket allow netlink\n"
	"\tsocket deny inet6\n"
	"}\n"
	"profile helper {\n"
	"\tmode complain\n"
	"\texec default allow\n"
	"}\n";

static void parses_example_policy(void)
{
	struct policy pol;

	EXPECT_INT(0, parse(&pol, ftp_policy));
	EXPECT_INT(2, pol.nprofiles);
	EXPECT_STR("ftpd", pol.profiles[0].name);
	EXPECT_INT(12, pol.profiles[0].nrules);	/* "any" is two rules */
	EXPECT_STR("helper", pol.profiles[0].rules[1].target);
	EXPECT_INT(DMZG_MODE_COMPLAIN, pol.profiles[1].mode);
	EXPECT_INT(DMZG_ALLOW, pol.profiles[1].defaults[DMZG_RULE_EXEC]);
	EXPECT_INT(DMZG_DENY, pol.profiles[1].defaults[DMZG_RULE_CONNECT]);
	EXPECT_INT((1ULL << 18) | (1ULL << 10), pol.profiles[0].cap_allow);
	EXPECT_INT(1ULL << 0, pol.profiles[0].cap_deny);
	EXPECT_INT(1U << DMZG_SOCK_NETLINK, pol.profiles[0].sock_allow);
	EXPECT_INT(32, pol.profiles[0].rules[4].prefix);
	EXPECT_INT(DMZG_FAMILY_V6, pol.profiles[0].rules[4].family);
	EXPECT_INT(40000, pol.profiles[0].rules[6].port_lo);
	EXPECT_INT(40100, pol.profiles[0].rules[6].port_hi);
	policy_free(&pol);
}

static void reports_each_error_with_position(void)
{
	EXPECT_STR("t.policy:3:35: invalid port '70000' (expected 1-65535 or a range A-B)",
		   error_of(WRAP("\tconnect allow tcp 127.0.0.1 port 70000\n")));
	EXPECT_STR("t.policy:3:35: invalid port '0' (expected 1-65535 or a range A-B)",
		   error_of(WRAP("\tconnect allow tcp 127.0.0.1 port 0\n")));
	EXPECT_STR("t.policy:3:35: invalid port range '90-80' (the range ends before it starts)",
		   error_of(WRAP("\tconnect allow tcp 127.0.0.1 port 90-80\n")));
	EXPECT_STR("t.policy:3:2: unknown keyword 'conect' (expected attach, mode, exec, write, connect, bind, unix, capability, socket or '}'); did you mean 'connect'?",
		   error_of(WRAP("\tconect allow tcp 127.0.0.1\n")));
	EXPECT_STR("t.policy:1:1: unknown keyword 'profil' (expected profile or include); did you mean 'profile'?",
		   error_of("profil p {\n}\n"));
	EXPECT_STR("t.policy:3:20: invalid address '300.1.1.1' (expected an IPv4 or IPv6 address or CIDR, or 'any')",
		   error_of(WRAP("\tconnect allow tcp 300.1.1.1\n")));
	EXPECT_STR("t.policy:3:20: invalid CIDR '10.0.0.1/8' (host bits set beyond /8)",
		   error_of(WRAP("\tconnect allow tcp 10.0.0.1/8\n")));
	EXPECT_STR("t.policy:3:29: invalid prefix length in '10.0.0.0/33' (expected 0-32)",
		   error_of(WRAP("\tconnect allow tcp 10.0.0.0/33\n")));
	EXPECT_STR("t.policy:3:13: invalid path 'bin/sh': path must be absolute (start with '/')",
		   error_of(WRAP("\texec allow bin/sh\n")));
	EXPECT_STR("t.policy:4:15: conflicting default 'allow' for exec (set to deny at line 3)",
		   error_of(WRAP("\texec default deny\n\texec default allow\n")));
	EXPECT_STR("t.policy:4:9: empty profile 'q'",
		   error_of(WRAP("") "profile q {\n}\n"));
	EXPECT_STR("t.policy:4:9: duplicate profile name 'p' (first defined at t.policy:1)",
		   error_of(WRAP("") "profile p {\n\tmode enforce\n}\n"));
	EXPECT_STR("t.policy:3:16: invalid protocol 'icmp' (expected tcp, udp or any)",
		   error_of(WRAP("\tconnect allow icmp 127.0.0.1\n")));
	EXPECT_STR("t.policy:3:7: invalid action 'permit' (expected allow or deny)",
		   error_of(WRAP("\texec permit /bin/ls\n")));
	EXPECT_STR("t.policy:1:9: profile 'p' is not closed (missing '}' before the end of the file)",
		   error_of("profile p {\n\tattach /x\n"));
	EXPECT_STR("t.policy:3:2: exec transition to unknown profile 'nowhere'",
		   error_of(WRAP("\texec allow /bin/ls -> nowhere\n")));
	EXPECT_STR("t.policy:3:19: unknown capability 'sys_everything' (expected a name such as net_bind_service or sys_chroot)",
		   error_of(WRAP("\tcapability allow sys_everything\n")));
	EXPECT_STR("t.policy:3:15: unterminated string \"/bin/a b",
		   error_of(WRAP("\texec allow x \"/bin/a b\n")));
	EXPECT_STR("t.policy:4:9: attach path '/usr/sbin/d' of profile 'q' is already attached to profile 'p'",
		   error_of(WRAP("") "profile q {\n\tattach /usr/sbin/d\n}\n"));
}

static void rejects_overlong_path(void)
{
	size_t n = 5000;
	char *path = malloc(n + 1), *text = malloc(n + 100);

	memset(path, 'a', n);
	path[0] = '/';
	path[n] = '\0';
	snprintf(text, n + 100, WRAP("\texec allow %s\n"), path);
	EXPECT_STR("t.policy:3:13: path too long (5000 bytes; the limit is 4095)",
		   error_of(text));
	free(path);
	free(text);
}

static void warns_about_shadowed_and_unmatchable_rules(void)
{
	struct policy pol;

	EXPECT_INT(0, parse(&pol, WRAP("\texec deny /usr/bin/*\n"
				       "\texec allow /usr/bin/ls\n"
				       "\texec allow /usr/lib/../bin/x\n"
				       "\tconnect deny tcp 10.0.0.0/8\n"
				       "\tconnect allow tcp 10.1.0.0/16 port 80\n")));
	EXPECT_INT(3, pol.nwarnings);
	EXPECT_CONTAINS("t.policy:4:2: warning: this allow rule never takes effect: the deny rule at line 3 covers it",
			diag_buf);
	EXPECT_CONTAINS("t.policy:5:13: warning: '/usr/lib/../bin/x' can never match",
			diag_buf);
	EXPECT_CONTAINS("t.policy:7:2: warning: this allow rule never takes effect: the deny rule at line 6",
			diag_buf);
	policy_free(&pol);
}

/* A route allow under a netlink deny is dead: said, not refused. */
static void warns_about_a_dead_netlink_route_allow(void)
{
	struct policy pol;

	EXPECT_INT(0, parse(&pol, WRAP("\tsocket deny netlink\n"
				       "\tsocket allow netlink-route\n")));
	EXPECT_INT(1, pol.nwarnings);
	EXPECT_CONTAINS("t.policy:4:15: warning: 'socket allow netlink-route' never takes effect: 'socket deny netlink' denies every netlink protocol, the route protocol included",
			diag_buf);
	policy_free(&pol);
	/* The other way round is every protocol but the route one. */
	EXPECT_INT(0, parse(&pol, WRAP("\tsocket allow netlink\n"
				       "\tsocket deny netlink-route\n")));
	EXPECT_INT(0, pol.nwarnings);
	policy_free(&pol);
}

/* A relative unix name is a socket bound by that name, as bound. */
static void reads_relative_unix_rules(void)
{
	struct policy pol;
	char *text = NULL;
	size_t len;
	FILE *f;

	EXPECT_INT(0, parse(&pol, WRAP("\tunix allow private/*\n"
				       "\tunix deny **\n"
				       "\tunix allow /run/dbus/system_bus_socket\n"
				       "\tunix allow @abstract\n")));
	/* A relative pattern covers no absolute or abstract name. */
	EXPECT_INT(0, pol.nwarnings);
	EXPECT_STR("", diag_buf ? diag_buf : "");
	EXPECT_INT(DMZG_RULE_UNIX, pol.profiles[0].rules[0].op);
	EXPECT_STR("private/*", pol.profiles[0].rules[0].path);
	f = open_memstream(&text, &len);
	policy_print(f, &pol);
	fclose(f);
	EXPECT_CONTAINS("\tunix allow private/*\n\tunix deny **\n", text);
	free(text);
	policy_free(&pol);
	EXPECT_INT(0, parse(&pol, WRAP("\tunix deny private/*\n"
				       "\tunix allow private/smtp\n"
				       "\tunix allow ./private/x\n")));
	EXPECT_INT(2, pol.nwarnings);
	EXPECT_CONTAINS("t.policy:4:2: warning: this allow rule never takes effect: the deny rule at line 3 covers it",
			diag_buf);
	EXPECT_CONTAINS("t.policy:5:13: warning: './private/x' matches only a socket bound by that very spelling: a relative socket name is compared as bound, with no '.', '..', '//' or trailing '/' resolved",
			diag_buf);
	policy_free(&pol);
	EXPECT_STR("t.policy:3:21: invalid path 'private/***': '***' is not a pattern (use '*' or '**')",
		   error_of(WRAP("\tunix allow private/***\n")));
	/* exec and write rules stay absolute. */
	EXPECT_STR("t.policy:3:13: invalid path 'private/x': path must be absolute (start with '/')",
		   error_of(WRAP("\texec allow private/x\n")));
	EXPECT_STR("t.policy:3:14: invalid path 'private/x': path must be absolute (start with '/')",
		   error_of(WRAP("\twrite allow private/x\n")));
}

static void round_trips_through_the_printer(void)
{
	struct policy a, b;
	char *text = NULL;
	size_t len;
	FILE *f;

	EXPECT_INT(0, parse(&a, ftp_policy));
	f = open_memstream(&text, &len);
	policy_print(f, &a);
	fclose(f);
	EXPECT_INT(0, parse(&b, text));
	EXPECT_INT(1, policy_equal(&a, &b));
	EXPECT_CONTAINS("\texec allow /usr/lib/ftp/** -> helper\n", text);
	EXPECT_CONTAINS("\tconnect allow tcp 2001:db8::/32 port 443\n", text);
	EXPECT_CONTAINS("\tbind allow tcp 0.0.0.0/0 port 40000-40100\n", text);
	EXPECT_CONTAINS("\tcapability allow net_bind_service sys_chroot\n", text);
	EXPECT_CONTAINS("\twrite allow /srv/ftp/incoming/**\n\twrite default deny\n",
			text);
	/* A different policy is not equal. */
	b.profiles[0].rules[0].action = DMZG_DENY;
	EXPECT_INT(0, policy_equal(&a, &b));
	policy_free(&a);
	policy_free(&b);
	free(text);
}

static void quotes_paths_with_blanks(void)
{
	struct policy a, b;
	char *text = NULL;
	size_t len;
	FILE *f;

	EXPECT_INT(0, parse(&a, WRAP("\texec allow \"/opt/my app/run\"\n")));
	EXPECT_STR("/opt/my app/run", a.profiles[0].rules[0].path);
	f = open_memstream(&text, &len);
	policy_print(f, &a);
	fclose(f);
	EXPECT_CONTAINS("exec allow \"/opt/my app/run\"", text);
	EXPECT_INT(0, parse(&b, text));
	EXPECT_INT(1, policy_equal(&a, &b));
	policy_free(&a);
	policy_free(&b);
	free(text);
}

static void folds_v4_mapped_addresses(void)
{
	struct policy pol;

	EXPECT_INT(0, parse(&pol, WRAP("\tconnect deny tcp ::ffff:203.0.113.7\n")));
	EXPECT_INT(DMZG_FAMILY_V4, pol.profiles[0].rules[0].family);
	EXPECT_INT(32, pol.profiles[0].rules[0].prefix);
	EXPECT_INT(203, pol.profiles[0].rules[0].addr[0]);
	policy_free(&pol);
}

static void includes_files_and_directories(void)
{
	char dir[] = "/tmp/dmzg-unit-XXXXXX", path[128], main_path[128];
	struct policy pol;
	FILE *f;

	if (!mkdtemp(dir)) {
		t_failed++;
		return;
	}
	snprintf(path, sizeof(path), "%s/d", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/d/b.policy", dir);
	f = fopen(path, "w");
	fputs("profile b {\n\tattach /usr/sbin/b\n}\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/d/a.policy", dir);
	f = fopen(path, "w");
	fputs("profile a {\n\tattach /usr/sbin/a\n}\n", f);
	fclose(f);
	snprintf(main_path, sizeof(main_path), "%s/main.policy", dir);
	f = fopen(main_path, "w");
	fputs("include d\n", f);
	fclose(f);
	policy_init(&pol);
	EXPECT_INT(0, policy_parse_file(&pol, main_path));
	EXPECT_INT(2, pol.nprofiles);
	EXPECT_STR("a", pol.profiles[0].name);
	EXPECT_STR("b", pol.profiles[1].name);
	policy_free(&pol);
	/* A self-include is a cycle, refused with its position. */
	f = fopen(main_path, "w");
	fputs("include main.policy\n", f);
	fclose(f);
	free(diag_buf);
	diag_buf = NULL;
	policy_diag = open_memstream(&diag_buf, &diag_len);
	policy_init(&pol);
	EXPECT_INT(-1, policy_parse_file(&pol, main_path));
	fclose(policy_diag);
	policy_diag = stderr;
	EXPECT_CONTAINS("includes nested deeper than 8", diag_buf);
	policy_free(&pol);
}

static void glob_matches_like_the_kernel(void)
{
	EXPECT_INT(1, dmzg_glob_match("/usr/lib/ftp/**", 15, "/usr/lib/ftp/a/b", 16));
	EXPECT_INT(0, dmzg_glob_match("/bin/*", 6, "/bin/a/b", 8));
	EXPECT_INT(1, dmzg_glob_match("/bin/*sh", 8, "/bin/bash", 9));
}

static void parses_event_lines(void)
{
	struct kv kv[EVENT_MAX_KEYS];
	int n = event_line_parse("denied op=exec profile=ftpd pid=7 comm=a\\x20b exe=/x target=/memfd:p\\x20(deleted) uid=0",
				 kv, EVENT_MAX_KEYS);

	EXPECT_INT(7, n);
	EXPECT_STR("exec", event_get(kv, n, "op"));
	EXPECT_STR("a b", event_get(kv, n, "comm"));
	EXPECT_STR("/memfd:p (deleted)", event_get(kv, n, "target"));
	EXPECT_INT(1, event_get(kv, n, "nope") == NULL);
}

/* Words read and printed through the name tables shared with the module. */
static void spells_names_from_the_shared_tables(void)
{
	EXPECT_INT(DMZG_PROTO_ANY, dmzg_lookup(dmzg_proto_names, "any"));
	EXPECT_INT(-1, dmzg_lookup(dmzg_proto_names, "other"));
	EXPECT_INT(DMZG_MODE_COMPLAIN, dmzg_lookup(dmzg_mode_names, "complain"));
	EXPECT_STR("deny", action_name(DMZG_DENY));
	EXPECT_STR("unknown", mode_name(200));
	EXPECT_STR("t.policy:3:7: invalid mode 'bogus' (expected enforce or complain)",
		   error_of(WRAP("\tmode bogus\n")));
	EXPECT_STR("t.policy:3:15: invalid action 'maybe' (expected allow or deny)",
		   error_of(WRAP("\tunix default maybe\n")));
	EXPECT_STR("t.policy:3:16: invalid protocol 'other' (expected tcp, udp or any)",
		   error_of(WRAP("\tconnect allow other any\n")));
	EXPECT_STR("t.policy:3:16: incomplete statement (expected 'bind allow|deny tcp|udp|any ADDR[/LEN]|any [port N|A-B|any]')",
		   error_of(WRAP("\tbind allow tcp\n")));
	EXPECT_STR("t.policy:4:15: conflicting default 'deny' for unix (set to allow at line 3)",
		   error_of(WRAP("\tunix default allow\n\tunix default deny\n")));
	EXPECT_STR("t.policy:3:15: unknown socket class 'bogus' (expected inet, inet6, unix, raw, packet, netlink, netlink-route, sctp or other)",
		   error_of(WRAP("\tsocket allow bogus\n")));
	EXPECT_STR("t.policy:4:14: socket class 'inet' is both allowed and denied",
		   error_of(WRAP("\tsocket allow inet\n\tsocket deny inet\n")));
	EXPECT_STR("t.policy:4:19: capability 'chown' is both allowed and denied",
		   error_of(WRAP("\tcapability deny chown\n\tcapability allow chown\n")));
}

/* Bytes a terminal would act on are quoted as \xNN, UTF-8 stays readable. */
static void escapes_unprintable_bytes_in_diagnostics(void)
{
	static const char nul[] = "profile p {\n\tattach\0/x\n}\n";

	EXPECT_STR("t.policy:3:11: invalid path '/x\\x1b[2Jy': control character in path",
		   error_of(WRAP("\tattach /x\x1b[2Jy\n")));
	EXPECT_STR("t.policy:3:2: unknown keyword 'conn\\xffect' (expected attach, mode, exec, write, connect, bind, unix, capability, socket or '}'); did you mean 'connect'?",
		   error_of(WRAP("\tconn\xff" "ect allow tcp any\n")));
	EXPECT_STR("t.policy:3:2: unknown keyword 'caf\xc3\xa9' (expected attach, mode, exec, write, connect, bind, unix, capability, socket or '}')",
		   error_of(WRAP("\tcaf\xc3\xa9 allow\n")));
	/* A right-to-left override would reorder what follows it. */
	EXPECT_STR("t.policy:3:2: unknown keyword 'a\\xe2\\x80\\xaeb' (expected attach, mode, exec, write, connect, bind, unix, capability, socket or '}')",
		   error_of(WRAP("\ta\xe2\x80\xae" "b\n")));
	EXPECT_STR("t.policy:2:8: NUL byte in policy file\n",
		   error_of_file(nul, sizeof(nul) - 1));
}

/* Editors on other systems start files with a byte order mark. */
static void skips_a_byte_order_mark(void)
{
	static const char bom[] = "\xef\xbb\xbfprofile p {\n\tattach /x\n}\n";
	struct policy pol;

	EXPECT_INT(0, parse_file_bytes(&pol, bom, sizeof(bom) - 1));
	EXPECT_STR("p", pol.nprofiles ? pol.profiles[0].name : "");
	policy_free(&pol);
	/* Columns count from after it. */
	EXPECT_STR("t.policy:1:1: unknown keyword 'profil' (expected profile or include); did you mean 'profile'?",
		   error_of("\xef\xbb\xbfprofil p {\n}\n"));
	/* Anywhere else it is an invisible character, shown escaped. */
	EXPECT_STR("t.policy:2:1: unknown keyword '\\xef\\xbb\\xbfprofile' (expected profile or include)",
		   error_of("\n\xef\xbb\xbfprofile p {\n}\n"));
}

/* AppArmor's ',' and other languages' ';' would become part of a path. */
static void refuses_trailing_separators(void)
{
	struct policy pol;

	EXPECT_STR("t.policy:3:25: ';' after '/usr/sbin/vsftpd': dmzguard rules end at the end of the line; remove the ';' (or quote a path that ends in one)",
		   error_of(WRAP("\tattach /usr/sbin/vsftpd;\n")));
	EXPECT_STR("t.policy:3:20: ',' after '/bin/ls': dmzguard rules end at the end of the line; remove the ',' (or quote a path that ends in one)",
		   error_of(WRAP("\texec allow /bin/ls,  # comment\n")));
	EXPECT_STR("t.policy:3:19: ';' after 'deny': dmzguard rules end at the end of the line; remove the ';'",
		   error_of(WRAP("\texec default deny;\n")));
	EXPECT_STR("t.policy:3:24: ',' after 'chown': names in a list are separated by blanks; remove the ','",
		   error_of(WRAP("\tcapability allow chown, setuid\n")));
	EXPECT_STR("t.policy:3:19: ';' after '/opt/a b': dmzguard rules end at the end of the line; remove the ';'",
		   error_of(WRAP("\tattach \"/opt/a b\";\n")));
	EXPECT_STR("t.policy:3:20: unexpected ';': dmzguard rules end at the end of the line; remove the ';'",
		   error_of(WRAP("\texec default deny ;\n")));
	EXPECT_STR("t.policy:4:2: ';' after '}': dmzguard rules end at the end of the line; remove the ';'",
		   error_of("profile p {\n\tattach /usr/sbin/d\n\tmode enforce\n};\n"));
	EXPECT_STR("t.policy:3:15: ';' after '/x': dmzguard has one statement per line; remove the ';' (or quote a path that ends in one)",
		   error_of(WRAP("\texec allow /x; exec allow /y\n")));
	/* Quoted, a path may end in one, and prints back quoted. */
	EXPECT_INT(0, parse(&pol, WRAP("\texec allow \"/opt/x;\"\n")));
	EXPECT_STR("/opt/x;", pol.nprofiles ? pol.profiles[0].rules[0].path : "");
	EXPECT_INT(1, lex_needs_quotes("/opt/x;"));
	EXPECT_INT(1, lex_needs_quotes("/opt/x,"));
	EXPECT_INT(0, lex_needs_quotes("/opt/x,y"));
	policy_free(&pol);
}

/* Other languages' patterns would match literally and allow or deny nothing. */
static void refuses_alternations_and_classes(void)
{
	struct policy a, b;
	char *text = NULL;
	size_t len;
	FILE *f;

	EXPECT_STR("t.policy:3:21: alternation '{bash,dash}' in '/usr/bin/{bash,dash}': dmzguard patterns have only '*', '**' and '?'; write one rule per alternative (or quote the path if the braces are part of the name)",
		   error_of(WRAP("\texec deny /usr/bin/{bash,dash}\n")));
	EXPECT_STR("t.policy:3:21: character class '[bd]' in '/usr/bin/[bd]ash': dmzguard patterns have only '*', '**' and '?'; use '?' for any one character or write one rule per name (or quote the path if the brackets are part of the name)",
		   error_of(WRAP("\texec deny /usr/bin/[bd]ash\n")));
	EXPECT_STR("t.policy:3:21: character class '[0-9]' in '/run/app[0-9].sock': dmzguard patterns have only '*', '**' and '?'; use '?' for any one character or write one rule per name (or quote the path if the brackets are part of the name)",
		   error_of(WRAP("\tunix allow /run/app[0-9].sock\n")));
	/* test(1) is /usr/bin/[; braces without a comma are no alternation. */
	EXPECT_INT(0, parse(&a, WRAP("\texec allow /usr/bin/[\n"
				     "\texec allow /opt/app{1}\n"
				     "\texec allow \"/srv/{a,b}/[x]\"\n")));
	EXPECT_STR("/srv/{a,b}/[x]", a.nprofiles ? a.profiles[0].rules[2].path : "");
	f = open_memstream(&text, &len);
	policy_print(f, &a);
	fclose(f);
	EXPECT_CONTAINS("exec allow \"/srv/{a,b}/[x]\"\n", text);
	EXPECT_INT(0, parse(&b, text));
	EXPECT_INT(1, policy_equal(&a, &b));
	policy_free(&a);
	policy_free(&b);
	free(text);
}

/* A path with blanks needs quotes; the message shows them. */
static void asks_to_quote_paths_with_blanks(void)
{
	EXPECT_STR("t.policy:3:21: unexpected 'app/x' after path '/opt/my' (expected '-> PROFILE'): a path that holds blanks must be quoted: \"/opt/my app/x\"",
		   error_of(WRAP("\texec allow /opt/my app/x\n")));
	EXPECT_STR("t.policy:3:21: unexpected 'app' after path '/opt/my' (expected '-> PROFILE'): a path that holds blanks must be quoted: \"/opt/my app\"",
		   error_of(WRAP("\texec allow /opt/my app -> p\n")));
	EXPECT_STR("t.policy:3:17: unexpected 'App/bin/run' after path '/opt/My': a path that holds blanks must be quoted: \"/opt/My App/bin/run\"",
		   error_of(WRAP("\tattach /opt/My App/bin/run\n")));
	EXPECT_STR("t.policy:3:21: unexpected 'b' after path '/run/a': a path that holds blanks must be quoted: \"/run/a  b c\\\"d\"",
		   error_of(WRAP("\tunix allow /run/a  b\tc\"d\n")));
	EXPECT_STR("t.policy:1:12: unexpected 'dir/x.policy' after path 'my': a path that holds blanks must be quoted: \"my dir/x.policy\"",
		   error_of("include my dir/x.policy\n"));
}

/* An empty file is named, alone or among others. */
static void names_an_empty_file(void)
{
	struct policy pol;

	EXPECT_STR("t.policy: warning: the file holds no statement (empty, or only comments)\n"
		   "t.policy: no profile (a policy needs at least one)\n",
		   error_of_file("", 0));
	EXPECT_STR("t.policy: warning: the file holds no statement (empty, or only comments)",
		   error_of("# nothing yet\n\n"));
	EXPECT_STR("t.policy: warning: the file holds no statement (empty, or only comments)\n"
		   "t.policy: no profile (a policy needs at least one)\n",
		   error_of_file("\xef\xbb\xbf\n", 4));
	/* Among other files it is a warning; with none, the error lists them. */
	free(diag_buf);
	diag_buf = NULL;
	policy_diag = open_memstream(&diag_buf, &diag_len);
	policy_init(&pol);
	EXPECT_INT(0, policy_parse_string(&pol, "p.policy", WRAP("")));
	EXPECT_INT(0, policy_parse_string(&pol, "empty.policy", ""));
	EXPECT_INT(0, policy_finish(&pol));
	EXPECT_INT(1, pol.nwarnings);
	policy_free(&pol);
	policy_init(&pol);
	policy_parse_string(&pol, "a.policy", "");
	policy_parse_string(&pol, "b.policy", "#\n");
	EXPECT_INT(-1, policy_finish(&pol));
	fclose(policy_diag);
	policy_diag = stderr;
	EXPECT_CONTAINS("\nno profile in a.policy, b.policy (a policy needs at least one)\n",
			diag_buf);
	policy_free(&pol);
}

/* The full range is any port; other ranges say what a range is. */
/* write rules: a path pattern each, and a default that starts as deny. */
static void reads_write_rules(void)
{
	struct policy pol;

	EXPECT_INT(0, parse(&pol, "profile w {\n\twrite allow /var/log/w/*\n}\n"));
	EXPECT_INT(DMZG_RULE_WRITE, pol.profiles[0].rules[0].op);
	EXPECT_STR("/var/log/w/*", pol.profiles[0].rules[0].path);
	EXPECT_INT(DMZG_DENY, pol.profiles[0].defaults[DMZG_RULE_WRITE]);
	policy_free(&pol);
	EXPECT_INT(0, parse(&pol, "profile w {\n\twrite default allow\n}\n"));
	EXPECT_INT(DMZG_ALLOW, pol.profiles[0].defaults[DMZG_RULE_WRITE]);
	policy_free(&pol);
	EXPECT_STR("t.policy:3:14: invalid path 'var/log': path must be absolute (start with '/')",
		   error_of(WRAP("\twrite allow var/log\n")));
	EXPECT_STR("t.policy:3:13: incomplete statement (expected 'write allow|deny PATH')",
		   error_of(WRAP("\twrite allow\n")));
}

static void reads_port_ranges(void)
{
	struct policy a, b;

	EXPECT_INT(0, parse(&a, WRAP("\tbind allow tcp any port 0-65535\n")));
	EXPECT_INT(2, a.nprofiles ? a.profiles[0].nrules : 0);
	if (a.nprofiles && a.profiles[0].nrules) {
		EXPECT_INT(0, a.profiles[0].rules[0].port_lo);
		EXPECT_INT(65535, a.profiles[0].rules[0].port_hi);
	}
	EXPECT_INT(0, parse(&b, WRAP("\tbind allow tcp any\n")));
	EXPECT_INT(1, policy_equal(&a, &b));
	policy_free(&a);
	policy_free(&b);
	EXPECT_STR("t.policy:3:35: invalid port range '0-1023' (expected A-B, both 1-65535; every port is 'any' or 0-65535)",
		   error_of(WRAP("\tconnect allow tcp 127.0.0.1 port 0-1023\n")));
	EXPECT_STR("t.policy:3:35: invalid port range '1-70000' (expected A-B, both 1-65535; every port is 'any' or 0-65535)",
		   error_of(WRAP("\tconnect allow tcp 127.0.0.1 port 1-70000\n")));
	EXPECT_STR("t.policy:3:35: invalid port range '80-' (expected A-B, both 1-65535; every port is 'any' or 0-65535)",
		   error_of(WRAP("\tconnect allow tcp 127.0.0.1 port 80-\n")));
}

int main(void)
{
	policy_diag = stderr;
	RUN(parses_example_policy);
	RUN(reports_each_error_with_position);
	RUN(rejects_overlong_path);
	RUN(warns_about_shadowed_and_unmatchable_rules);
	RUN(reads_relative_unix_rules);
	RUN(warns_about_a_dead_netlink_route_allow);
	RUN(round_trips_through_the_printer);
	RUN(quotes_paths_with_blanks);
	RUN(folds_v4_mapped_addresses);
	RUN(includes_files_and_directories);
	RUN(glob_matches_like_the_kernel);
	RUN(parses_event_lines);
	RUN(spells_names_from_the_shared_tables);
	RUN(escapes_unprintable_bytes_in_diagnostics);
	RUN(skips_a_byte_order_mark);
	RUN(refuses_trailing_separators);
	RUN(refuses_alternations_and_classes);
	RUN(asks_to_quote_paths_with_blanks);
	RUN(names_an_empty_file);
	RUN(reads_port_ranges);
	RUN(reads_write_rules);
	run_suggest_tests();
	run_json_tests();
	run_diff_tests();
	run_mode_tests();
	run_change_tests();
	run_journal_tests();
	run_cli_tests();
	run_replay_tests();
	run_learn_tests();
	free(diag_buf);
	printf("unit: %d passed, %d failed\n", t_pass, t_fail);
	return t_fail != 0;
}
