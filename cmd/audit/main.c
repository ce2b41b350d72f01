/*
 * clm-audit: list the runs recorded in clm run's audit log, filtered by
 * date and by file, and with --verify recompute the digests of the files
 * still present.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm.h"
#include "clm_audit.h"
#include "clm_sha256.h"

enum { OPT_LOG = 1000, OPT_STATE, OPT_SINCE, OPT_UNTIL, OPT_FILE, OPT_VERIFY,
	OPT_RAW };

struct audit_opts {
	const char *log, *since, *until, *file;
	int verify, raw;
	unsigned long shown, changed, gone;
};

/* "CCYY-MM-DD" or "CCYYMMDD" as "CCYY-MM-DD"; 0 when neither. */
static int
norm_date(const char *in, char out[11])
{
	if (strlen(in) == 8 && strspn(in, "0123456789") == 8) {
		snprintf(out, 11, "%.4s-%.2s-%.2s", in, in + 4, in + 6);
		return 1;
	}
	if (strlen(in) == 10 && in[4] == '-' && in[7] == '-') {
		memcpy(out, in, 11);
		return 1;
	}
	return 0;
}

/* The file fields of a record: "SIZE:SHA:PATH"; path points into v. */
static int
split_file(char *v, long long *size, char **sha, char **path)
{
	char *a = strchr(v, ':'), *b;

	if (a == NULL || (b = strchr(a + 1, ':')) == NULL)
		return 0;
	*a = *b = '\0';
	*size = atoll(v);
	*sha = a + 1;
	*path = b + 1;
	return 1;
}

static int
mentions(const char *line, const char *file)
{
	static const char *const keys[] = { "in", "out" };
	char v[8192];
	const char *base = strrchr(file, '/');

	base = base ? base + 1 : file;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; clm_audit_get(line, keys[k], i, v,
		    sizeof(v)); i++) {
			long long size;
			char *sha, *path, *pb;

			if (!split_file(v, &size, &sha, &path))
				continue;
			pb = strrchr(path, '/');
			pb = pb ? pb + 1 : path;
			if (strcmp(path, file) == 0 || strcmp(pb, base) == 0)
				return 1;
		}
	return 0;
}

static void
verify(struct audit_opts *o, const char *line)
{
	static const char *const keys[] = { "in", "out" };
	char v[8192];

	for (int k = 0; k < 2; k++)
		for (size_t i = 0; clm_audit_get(line, keys[k], i, v,
		    sizeof(v)); i++) {
			struct clm_error err;
			long long size, now;
			char *sha, *path, hex[65];

			if (!split_file(v, &size, &sha, &path))
				continue;
			clm_error_clear(&err);
			if (clm_sha256_file(path, hex, &now, &err) < 0) {
				printf("  gone     %-3s %s\n", keys[k], path);
				o->gone++;
			} else if (now != size || strcmp(hex, sha) != 0) {
				printf("  CHANGED  %-3s %s\n", keys[k], path);
				o->changed++;
			} else {
				printf("  ok       %-3s %s\n", keys[k], path);
			}
		}
}

static int
show(void *arg, const char *line)
{
	struct audit_opts *o = arg;
	char when[64], day[11], st[16], c[32], se[32], h[32], user[256];
	char host[256], v[8192];

	if (!clm_audit_get(line, "time", 0, when, sizeof(when)))
		return 0;
	snprintf(day, sizeof(day), "%.10s", when);
	if ((o->since != NULL && strcmp(day, o->since) < 0) ||
	    (o->until != NULL && strcmp(day, o->until) > 0) ||
	    (o->file != NULL && !mentions(line, o->file)))
		return 0;
	o->shown++;
	if (o->raw) {
		puts(line);
		return 0;
	}
	if (!clm_audit_get(line, "status", 0, st, sizeof(st)))
		snprintf(st, sizeof(st), "?");
	if (!clm_audit_get(line, "claims", 0, c, sizeof(c)))
		snprintf(c, sizeof(c), "?");
	if (!clm_audit_get(line, "sent", 0, se, sizeof(se)))
		snprintf(se, sizeof(se), "?");
	if (!clm_audit_get(line, "held", 0, h, sizeof(h)))
		snprintf(h, sizeof(h), "?");
	if (!clm_audit_get(line, "user", 0, user, sizeof(user)))
		snprintf(user, sizeof(user), "?");
	if (!clm_audit_get(line, "host", 0, host, sizeof(host)))
		snprintf(host, sizeof(host), "?");
	printf("%s exit %s: %s claims, %s sent, %s held back (%s@%s)\n", when,
	    st, c, se, h, user, host);
	for (size_t i = 0; clm_audit_get(line, "in", i, v, sizeof(v)); i++) {
		long long size;
		char *sha, *path;

		if (split_file(v, &size, &sha, &path))
			printf("  in  %s (%lld bytes)\n", path, size);
	}
	if (o->verify)
		verify(o, line);
	return 0;
}

static void
usage(FILE *fp)
{
	fputs("usage: clm-audit (--log FILE | --state FILE) [--since DATE] "
	    "[--until DATE]\n                 [--file PATH] [--verify] [--raw]\n"
	    "List the runs in clm run's audit log (clm-audit(1)).\n\n"
	    "      --log FILE     the audit log\n"
	    "      --state FILE   the log of the job with that state "
	    "(STATE.audit)\n"
	    "      --since DATE   runs on or after DATE (CCYY-MM-DD or "
	    "CCYYMMDD)\n"
	    "      --until DATE   runs on or before DATE\n"
	    "      --file PATH    runs that read or wrote PATH (or a file of "
	    "that name)\n"
	    "      --verify       recompute the digests of the files still "
	    "present\n"
	    "      --raw          the records as written\n"
	    "Exit status: 0, 1 a file changed since its run, 2 failure.\n", fp);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "log", required_argument, NULL, OPT_LOG },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "file", required_argument, NULL, OPT_FILE },
		{ "verify", no_argument, NULL, OPT_VERIFY },
		{ "raw", no_argument, NULL, OPT_RAW },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct audit_opts o;
	struct clm_error err;
	char since[11], until[11], logbuf[4200], buf[1024];
	int c;

	memset(&o, 0, sizeof(o));
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_LOG:
			o.log = optarg;
			break;
		case OPT_STATE:
			snprintf(logbuf, sizeof(logbuf), "%s.audit", optarg);
			o.log = logbuf;
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if (!norm_date(optarg, c == OPT_SINCE ? since : until)) {
				fprintf(stderr, "clm-audit: %s needs a date "
				    "CCYY-MM-DD, not '%s'\n", c == OPT_SINCE ?
				    "--since" : "--until", optarg);
				return CLM_EXIT_FAILURE;
			}
			if (c == OPT_SINCE)
				o.since = since;
			else
				o.until = until;
			break;
		case OPT_FILE:
			o.file = optarg;
			break;
		case OPT_VERIFY:
			o.verify = 1;
			break;
		case OPT_RAW:
			o.raw = 1;
			break;
		case 'h':
			usage(stdout);
			return CLM_EXIT_OK;
		default:
			usage(stderr);
			return CLM_EXIT_FAILURE;
		}
	}
	if (o.log == NULL || optind != argc) {
		usage(stderr);
		return CLM_EXIT_FAILURE;
	}
	clm_error_clear(&err);
	if (clm_audit_read(o.log, show, &o, &err) < 0) {
		clm_error_format(&err, buf, sizeof(buf));
		fprintf(stderr, "clm-audit: %s\n", buf);
		return CLM_EXIT_FAILURE;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "clm-audit: cannot write the listing\n");
		return CLM_EXIT_FAILURE;
	}
	if (o.verify)
		fprintf(stderr, "clm-audit: %lu runs: %lu files changed, %lu "
		    "gone\n", o.shown, o.changed, o.gone);
	return o.changed > 0 ? CLM_EXIT_FINDINGS : CLM_EXIT_OK;
}
