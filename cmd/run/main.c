/*
 * clm-run: the nightly job in one command.  parse, normalize, code-check,
 * scrub and emit-837 run as one chain in this process (clm_tool_chain:
 * each tool's own options, stages, sink and finish, the claims handed on
 * in memory), each export parsed once; every output is staged beside its
 * target and put in place together through a journal (clm_journal.h), or
 * none is.  A run lock keeps a second run of the same job out.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clm_audit.h"
#include "clm_codeset.h"
#include "clm_io.h"
#include "clm_journal.h"
#include "clm_tool.h"
#include "clm_x12.h"
#include "run.h"

#define NTOOLS 5
#define MAX_ARGS 256

enum { OPT_PROFILE = 1000, OPT_PARTNER, OPT_STATE, OPT_HISTORY, OPT_RULES,
	OPT_CODESETS, OPT_ARCHIVE, OPT_OUT, OPT_INBOX, OPT_WAIT, OPT_SETTLE,
	OPT_NO_DEFAULT_RULES, OPT_VERSION, OPT_AUDIT, OPT_CAP, OPT_NO_PROGRESS };

struct argl {
	char *v[MAX_ARGS + 1];
	int n;
};

struct run_opts {
	const char *profile, *map, *partner, *state, *history, *codesets;
	const char *archive, *out, *inbox, *audit;
	const char *rules[64];
	int nrules, no_default_rules, wait, quiet, verbose;
	int progress;			/* the progress line (a terminal) */
	long cap;			/* diagnostics per edit id, 0: all */
	long settle_ms;
	char **exports;
	int nexports;
};

/* One run of the chain (one export set into one output directory). */
struct run_job {
	const struct run_opts *o;
	struct argl args[NTOOLS];
	struct clm_tool_chain ch;
	struct run_tally *tally;
	struct run_progress progress;
	struct clm_tool_cap cap;
};

static struct run_job *job;	/* the run in progress, for chain_step */
static int main_argc;		/* the command, for the audit record */
static char **main_argv;

#define MAX_TREND 30
struct trend {
	long v[MAX_TREND][3];
	size_t n;
};

static int (*const entries[NTOOLS])(int, char **, clm_tool_run_fn) = {
	clm_parse_tool, clm_normalize_tool, clm_code_check_tool,
	clm_scrub_tool, clm_emit_837_tool,
};
static const char *const tool_names[NTOOLS] = {
	"clm-parse", "clm-normalize", "clm-code-check", "clm-scrub",
	"clm-emit-837",
};

static void
warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
warn(const char *fmt, ...)
{
	va_list ap;

	fputs("clm-run: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * CLM_TEST_CRASH_AT=POINT: die there as kill -9 would (test only, see
 * clm-run(1)): start, stages, journal, rename, committed.
 */
static void
crash_point(const char *name)
{
	const char *at = getenv("CLM_TEST_CRASH_AT");

	if (at != NULL && strcmp(at, name) == 0)
		_exit(137);
}

static void
arg(struct argl *a, const char *s)
{
	if (a->n < MAX_ARGS)
		a->v[a->n++] = (char *)s;
	a->v[a->n] = NULL;
}

static void
observe(void *p, const struct clm_tool *t, const struct clm_claim *c,
    enum clm_status st)
{
	struct run_job *jb = p;

	run_tally_claim(jb->tally, t->h, c, st);
	if (jb->o->progress)
		run_progress_tick(&jb->progress, t->claims, 0);
}

static void
on_input(void *p, const char *path)
{
	struct run_job *jb = p;

	if (jb->o->progress)
		run_progress_input(&jb->progress, path);
}

/* The run function each tool's body calls: add it, then the next tool;
 * the last one runs the chain. */
static int
chain_step(const struct clm_tool_spec *spec, void *ctx, int argc,
    char **argv)
{
	size_t k;

	if (clm_tool_chain_add(&job->ch, spec, ctx, argc, argv) < 0)
		return CLM_EXIT_FAILURE;
	k = job->ch.n;
	if (k < NTOOLS)
		return entries[k](job->args[k].n, job->args[k].v, chain_step);
	job->ch.t[k - 1]->observe = observe;
	job->ch.t[k - 1]->observe_arg = job;
	return clm_tool_chain_run(&job->ch);
}

static int
mkdir_p(const char *path)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

static void
now_text(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
trend_line(void *arg, const char *line)
{
	struct trend *t = arg;
	char c[32], se[32], h[32];

	if (!clm_audit_get(line, "claims", 0, c, sizeof(c)) ||
	    !clm_audit_get(line, "sent", 0, se, sizeof(se)) ||
	    !clm_audit_get(line, "held", 0, h, sizeof(h)))
		return 0;
	if (t->n == MAX_TREND) {
		memmove(t->v[0], t->v[1], sizeof(t->v[0]) * (MAX_TREND - 1));
		t->n--;
	}
	t->v[t->n][0] = atol(c);
	t->v[t->n][1] = atol(se);
	t->v[t->n][2] = atol(h);
	t->n++;
	return 0;
}

static const char *
audit_path(const struct run_opts *o, char *buf, size_t size)
{
	if (o->audit != NULL)
		return o->audit;
	snprintf(buf, size, "%s.audit", o->state);
	return buf;
}

static int
write_text(const struct run_opts *o, const char *path,
    const struct run_tally *tally, int html, const char *outdir)
{
	struct trend tr;
	struct clm_error err;
	char apath[PATH_MAX];
	FILE *fp = fopen(path, "w");
	char when[32];
	int rc;

	if (fp == NULL)
		return -1;
	fchmod(fileno(fp), 0600);
	now_text(when, sizeof(when));
	tr.n = 0;
	clm_error_clear(&err);
	if (html)
		clm_audit_read(audit_path(o, apath, sizeof(apath)), trend_line,
		    &tr, &err);
	if (html)
		run_write_html(tally, fp, when, (const long (*)[3])tr.v, tr.n);
	else
		run_write_summary(tally, fp, outdir, when);
	rc = ferror(fp) ? -1 : 0;
	return fclose(fp) != 0 ? -1 : rc;
}

static void
path_in(char *buf, size_t size, const char *dir, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
}

/* The state's own lock (clm_x12_ctl's): no emit takes a number meanwhile,
 * and no second clm run starts the same job.  Returns the fd or -1. */
static int
take_lock(const struct run_opts *o)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s", o->state);
	if (strrchr(path, '/') != NULL && strrchr(path, '/') != path) {
		*strrchr(path, '/') = '\0';
		if (mkdir_p(path) != 0) {
			warn("%s: %s", path, strerror(errno));
			return -1;
		}
	}
	snprintf(path, sizeof(path), "%s.lock", o->state);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		warn("%s: %s", path, strerror(errno));
		return -1;
	}
	if (flock(fd, o->wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			warn("%s: another run of this job (the same --state) "
			    "is in progress; not started (--wait waits for "
			    "it)", path);
		else
			warn("%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static struct clm_codeset *audit_cs;	/* the index the run used */

/*
 * The audit digests off the critical path: the inputs' are computed in a
 * thread while the stages run, the outputs' each in a thread after the
 * commit (SHA-256 of every byte in and out was a fifth of the run).
 */
struct hasher {
	const char *const *paths;
	int n, from, step;
	const char *key;
	struct clm_audit_line line;
	pthread_t th;
	int started;
};

static void *
hash_worker(void *p)
{
	struct hasher *h = p;
	struct clm_error err;

	for (int i = h->from; i < h->n; i += h->step) {
		clm_error_clear(&err);
		if (access(h->paths[i], F_OK) == 0)
			clm_audit_file(&h->line, h->key, h->paths[i], &err);
	}
	return NULL;
}

static void
hash_start(struct hasher *h, const char *key, const char *const *paths,
    int n, int from, int step)
{
	memset(h, 0, sizeof(*h));
	clm_audit_line_init(&h->line);
	h->paths = paths;
	h->n = n;
	h->from = from;
	h->step = step;
	h->key = key;
	h->started = pthread_create(&h->th, NULL, hash_worker, h) == 0;
	if (!h->started)
		hash_worker(h);
}

/* Wait for it; its fields go to l. */
static void
hash_join(struct hasher *h, struct clm_audit_line *l)
{
	if (h->started)
		pthread_join(h->th, NULL);
	h->started = 0;
	clm_audit_join(l, &h->line);
	clm_audit_line_free(&h->line);
}

/* One record in the audit log for the run (clm_audit.h); a failure to
 * write it is a note, the run's outputs stand. */
static void
audit(const struct run_opts *o, char **exports, int nexports,
    const struct clm_audit_line *in_lines, int status,
    const struct run_tally *tally, const char *const *targets)
{
	struct clm_audit_line l;
	struct clm_error err;
	char when[32], buf[PATH_MAX], host[256];
	const char *user = getenv("USER");
	long claims, sent, held;
	long long cents, hcents;

	(void)exports;
	(void)nexports;
	clm_error_clear(&err);
	clm_audit_line_init(&l);
	now_text(when, sizeof(when));
	clm_audit_field(&l, "time", when);
	if (user == NULL || user[0] == '\0') {
		struct passwd *pw = getpwuid(getuid());

		user = pw != NULL ? pw->pw_name : "?";
	}
	clm_audit_field(&l, "user", user);
	clm_audit_fieldf(&l, "uid", "%ld", (long)getuid());
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "?");
	host[sizeof(host) - 1] = '\0';
	clm_audit_field(&l, "host", host);
	clm_audit_field(&l, "version", CLM_VERSION);
	clm_audit_fieldf(&l, "status", "%d", status);
	run_tally_counts(tally, &claims, &sent, &held, &cents, &hcents);
	clm_audit_fieldf(&l, "claims", "%ld", claims);
	clm_audit_fieldf(&l, "sent", "%ld", sent);
	clm_audit_fieldf(&l, "held", "%ld", held);
	clm_audit_fieldf(&l, "cents", "%lld", cents);
	clm_audit_fieldf(&l, "held_cents", "%lld", hcents);
	for (int i = 0; i < main_argc; i++)
		clm_audit_field(&l, "cmd", main_argv[i]);
	if (audit_cs != NULL) {
		size_t nrel = clm_codeset_release_count(audit_cs);

		clm_audit_field(&l, "codesets", clm_codeset_path(audit_cs));
		clm_audit_file(&l, "codesets_file", clm_codeset_path(audit_cs),
		    &err);
		clm_error_clear(&err);
		for (size_t i = 0; i < nrel; i++) {
			struct clm_release r;

			if (clm_codeset_release(audit_cs, i, &r))
				clm_audit_field(&l, "release", r.name);
		}
	}
	clm_audit_join(&l, in_lines);
	if (targets != NULL) {
		struct hasher h[8];
		int n = 0;

		while (n < 8 && targets[n] != NULL)
			n++;
		/* one thread per file, joined in order: the record's order */
		for (int i = 0; i < n; i++)
			hash_start(&h[i], "out", targets, n, i, n);
		for (int i = 0; i < n; i++)
			hash_join(&h[i], &l);
	}
	if (clm_audit_append(audit_path(o, buf, sizeof(buf)), &l, &err) < 0) {
		char msg[1024];

		clm_error_format(&err, msg, sizeof(msg));
		warn("note: no audit record: %s", msg);
	}
	clm_audit_line_free(&l);
}

/* Run the chain over exports into outdir; move, when set, is an inbox
 * file and where it goes once the outputs are in place. */
static int
run_once(const struct run_opts *o, char **exports, int nexports,
    const char *outdir, const char *move_from, const char *move_to)
{
	char jpath[PATH_MAX], t837[PATH_MAX], trej[PATH_MAX], tfind[PATH_MAX];
	char tsum[PATH_MAX], thtml[PATH_MAX], lock[PATH_MAX + 8];
	const char *s837, *srej, *sfind, *ssum, *shtml, *sstate, *shist = NULL;
	const char *sarch = NULL;
	struct clm_journal *jn;
	struct clm_error err;
	struct run_job j;
	struct clm_out *report;
	struct clm_audit_line in_lines;
	struct hasher in_hash;
	const char *targets[6];
	int status;

	clm_error_clear(&err);
	if (mkdir_p(outdir) != 0) {
		warn("%s: %s", outdir, strerror(errno));
		return CLM_EXIT_FAILURE;
	}
	snprintf(jpath, sizeof(jpath), "%s.journal", o->state);
	jn = clm_journal_new(jpath);
	path_in(t837, sizeof(t837), outdir, "batch.837");
	path_in(trej, sizeof(trej), outdir, "rejects.csv");
	path_in(tfind, sizeof(tfind), outdir, "findings.csv");
	path_in(tsum, sizeof(tsum), outdir, "summary.txt");
	path_in(thtml, sizeof(thtml), outdir, "report.html");
	s837 = clm_journal_stage(jn, t837);
	srej = clm_journal_stage(jn, trej);
	sfind = clm_journal_stage(jn, tfind);
	ssum = clm_journal_stage(jn, tsum);
	shtml = clm_journal_stage(jn, thtml);
	if ((sstate = clm_journal_stage_copy(jn, o->state, &err)) == NULL ||
	    (o->history != NULL &&
	    (shist = clm_journal_stage_copy(jn, o->history, &err)) == NULL) ||
	    (o->archive != NULL &&
	    (sarch = clm_journal_stage_copy(jn, o->archive, &err)) == NULL)) {
		char buf[1024];

		clm_error_format(&err, buf, sizeof(buf));
		warn("%s", buf);
		clm_journal_abort(jn);
		clm_journal_free(jn);
		return CLM_EXIT_FAILURE;
	}
	if (move_from != NULL)
		clm_journal_move(jn, move_from, move_to);

	/* the inputs' digests now: an inbox export moves at the commit */
	hash_start(&in_hash, "in", (const char *const *)exports, nexports, 0,
	    1);
	targets[0] = t837;
	targets[1] = trej;
	targets[2] = tfind;
	targets[3] = tsum;
	targets[4] = thtml;
	targets[5] = NULL;
	memset(&j, 0, sizeof(j));
	j.o = o;
	j.tally = run_tally_new();
	for (int k = 0; k < NTOOLS; k++) {
		arg(&j.args[k], tool_names[k]);
		if (o->quiet)
			arg(&j.args[k], "-q");
		if (o->verbose)
			arg(&j.args[k], "-v");
	}
	if (o->profile != NULL) {
		arg(&j.args[0], "--profile");
		arg(&j.args[0], o->profile);
	}
	if (o->map != NULL) {
		arg(&j.args[0], "--map");
		arg(&j.args[0], o->map);
	}
	if (o->codesets != NULL) {
		arg(&j.args[2], "--codesets");
		arg(&j.args[2], o->codesets);
		arg(&j.args[3], "--codesets");
		arg(&j.args[3], o->codesets);
	}
	if (o->history != NULL) {
		arg(&j.args[3], "--history");
		arg(&j.args[3], o->history);
		arg(&j.args[4], "--history");
		arg(&j.args[4], shist);
	}
	for (int i = 0; i < o->nrules; i++) {
		arg(&j.args[3], "--rules");
		arg(&j.args[3], o->rules[i]);
	}
	if (o->no_default_rules)
		arg(&j.args[3], "--no-default-rules");
	arg(&j.args[4], "--partner");
	arg(&j.args[4], o->partner);
	arg(&j.args[4], "--state");
	arg(&j.args[4], sstate);
	if (sarch != NULL) {
		arg(&j.args[4], "--archive");
		arg(&j.args[4], sarch);
	}
	arg(&j.args[4], "--rejects");
	arg(&j.args[4], srej);
	arg(&j.args[4], "-o");
	arg(&j.args[4], s837);
	arg(&j.args[0], "--");
	for (int i = 0; i < nexports; i++)
		arg(&j.args[0], exports[i]);

	report = clm_out_open(sfind, &err);
	if (report == NULL || clm_report_write_header(report, &err) < 0) {
		status = CLM_EXIT_FAILURE;
	} else {
		j.ch.report = report;
		j.ch.cap = &j.cap;
		j.cap.limit = (unsigned long)o->cap;
		j.cap.clear_line = o->progress;
		j.ch.on_input = on_input;
		j.ch.arg = &j;
		if (o->progress)
			run_progress_start(&j.progress, exports, nexports);
		job = &j;
		status = entries[0](j.args[0].n, j.args[0].v, chain_step);
		job = NULL;
		if (o->progress)
			run_progress_end(&j.progress);
		if (!o->quiet)
			clm_tool_cap_report(&j.cap, "clm-run", tfind, stderr);
		if (status != CLM_EXIT_FAILURE &&
		    clm_out_commit(report, &err) < 0)
			status = CLM_EXIT_FAILURE;
	}
	if (err.code != 0) {
		char buf[1024];

		clm_error_format(&err, buf, sizeof(buf));
		warn("%s", buf);
	}
	clm_out_close(report);
	clm_tool_chain_free(&j.ch);
	clm_audit_line_init(&in_lines);
	hash_join(&in_hash, &in_lines);
	snprintf(lock, sizeof(lock), "%s.lock", sstate);
	unlink(lock);
	crash_point("stages");
	if (status != CLM_EXIT_FAILURE &&
	    (write_text(o, ssum, j.tally, 0, outdir) < 0 ||
	    write_text(o, shtml, j.tally, 1, outdir) < 0)) {
		warn("%s: cannot write the report: %s", outdir,
		    strerror(errno));
		status = CLM_EXIT_FAILURE;
	}
	if (status != CLM_EXIT_FAILURE) {
		if (access(s837, F_OK) != 0)
			unlink(t837);	/* nothing sent: no older 837 left */
		if (clm_journal_commit(jn, crash_point, &err) < 0) {
			char buf[1024];

			clm_error_format(&err, buf, sizeof(buf));
			warn("%s (the next run finishes it)", buf);
			status = CLM_EXIT_FAILURE;
		}
	} else {
		clm_journal_abort(jn);
		warn("nothing committed: no 837, rejects or report written, "
		    "no control number used, the history unchanged");
	}
	if (status != CLM_EXIT_FAILURE) {
		long claims, sent, held;
		long long cents, hcents;

		crash_point("committed");
		run_tally_counts(j.tally, &claims, &sent, &held, &cents,
		    &hcents);
		if (!o->quiet)
			fprintf(stderr, "clm-run: %ld claims: %ld sent, %ld "
			    "held back; outputs in %s\n", claims, sent, held,
			    outdir);
	}
	audit(o, exports, nexports, &in_lines, status, j.tally,
	    status != CLM_EXIT_FAILURE ? (const char *const *)targets : NULL);
	run_tally_free(j.tally);
	clm_journal_free(jn);
	clm_audit_line_free(&in_lines);
	return status;
}

/* A name the inbox takes: not hidden, not "*.part". */
static int
inbox_name_ok(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && !(n > 5 && strcmp(name + n - 5, ".part") == 0)
	    && strcmp(name, "done") != 0 && strcmp(name, "failed") != 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files in dir that the inbox takes, sorted; *n set. */
static char **
inbox_list(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL, path[PATH_MAX];
	size_t cap = 0;
	struct stat st;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (!inbox_name_ok(de->d_name))
			continue;
		path_in(path, sizeof(path), dir, de->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = clm_xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = clm_xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static int
settled(const char *path, const struct stat *before)
{
	struct stat st;

	return stat(path, &st) == 0 && st.st_size == before->st_size &&
	    st.st_mtim.tv_sec == before->st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == before->st_mtim.tv_nsec;
}

static int
run_inbox(const struct run_opts *o)
{
	char done[PATH_MAX], failed[PATH_MAX], path[PATH_MAX];
	char to[PATH_MAX * 2], outdir[PATH_MAX * 2];
	size_t n;
	char **names;
	struct stat *st;
	int worst = CLM_EXIT_OK;

	path_in(done, sizeof(done), o->inbox, "done");
	path_in(failed, sizeof(failed), o->inbox, "failed");
	if (mkdir_p(done) != 0 || mkdir_p(failed) != 0) {
		warn("%s: %s", o->inbox, strerror(errno));
		return CLM_EXIT_FAILURE;
	}
	names = inbox_list(o->inbox, &n);
	st = clm_xcalloc(n + 1, sizeof(*st));
	for (size_t i = 0; i < n; i++) {
		path_in(path, sizeof(path), o->inbox, names[i]);
		stat(path, &st[i]);
	}
	/* the stability rule: size and mtime unchanged over the interval */
	if (n > 0 && o->settle_ms > 0) {
		struct timespec ts = { o->settle_ms / 1000,
		    (o->settle_ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		char *ex[1];
		int rc;

		path_in(path, sizeof(path), o->inbox, names[i]);
		if (!settled(path, &st[i])) {
			if (!o->quiet)
				warn("%s: still being written; left for the "
				    "next run", path);
			continue;
		}
		snprintf(outdir, sizeof(outdir), "%s/%s", o->out, names[i]);
		snprintf(to, sizeof(to), "%s/%s", done, names[i]);
		ex[0] = path;
		rc = run_once(o, ex, 1, outdir, path, to);
		if (rc == CLM_EXIT_FAILURE) {
			rmdir(outdir);	/* nothing was committed into it */
			snprintf(to, sizeof(to), "%s/%s", failed, names[i]);
			if (rename(path, to) != 0)
				warn("%s: cannot move to failed/: %s", path,
				    strerror(errno));
			else
				warn("%s: moved to %s", path, to);
		}
		if (rc > worst)
			worst = rc;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(st);
	return worst;
}

static const struct option longopts[] = {
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "map", required_argument, NULL, 'm' },
	{ "partner", required_argument, NULL, OPT_PARTNER },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "history", required_argument, NULL, OPT_HISTORY },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES },
	{ "codesets", required_argument, NULL, OPT_CODESETS },
	{ "archive", required_argument, NULL, OPT_ARCHIVE },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "audit", required_argument, NULL, OPT_AUDIT },
	{ "inbox", required_argument, NULL, OPT_INBOX },
	{ "wait", no_argument, NULL, OPT_WAIT },
	{ "settle", required_argument, NULL, OPT_SETTLE },
	{ "cap", required_argument, NULL, OPT_CAP },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *fp)
{
	fputs("usage: clm-run [options] --partner FILE --state FILE --out DIR "
	    "EXPORT...\n"
	    "       clm-run [options] --partner FILE --state FILE --out DIR "
	    "--inbox DIR\n"
	    "The nightly job: parse, normalize, code-check, scrub and emit-837 "
	    "in one process.\n\n"
	    "      --profile FILE   practice profile (clm-parse)\n"
	    "  -m, --map FILE       header map (clm-parse)\n"
	    "      --partner FILE   trading-partner settings (required)\n"
	    "      --state FILE     control-number state (required; its lock "
	    "is the run lock)\n"
	    "      --history FILE   claims sent: duplicates flagged, sent ones "
	    "added\n"
	    "      --rules PATH     payer rules (repeatable; clm-scrub)\n"
	    "      --no-default-rules  without the installed rule pack\n"
	    "      --codesets FILE  code-set index\n"
	    "      --archive FILE   the sent archive (clm-response)\n"
	    "      --out DIR        batch.837, rejects.csv, findings.csv, "
	    "summary.txt,\n"
	    "                       report.html (inbox: DIR/EXPORT-NAME/)\n"
	    "      --audit FILE     the audit log (default STATE.audit; "
	    "clm-audit(1))\n"
	    "      --inbox DIR      take each settled export in DIR once; "
	    "done/ or failed/\n"
	    "      --settle MS      inbox stability interval (default 2000)\n"
	    "      --cap N          print at most N diagnostics per edit id "
	    "(all are in\n"
	    "                       findings.csv; default 10 on a terminal, "
	    "else 0: all)\n"
	    "      --no-progress    no progress line (drawn only on a "
	    "terminal)\n"
	    "      --wait           wait for a run of the same job instead of "
	    "exit 2\n"
	    "  -q, --quiet          no notes or summary line\n"
	    "  -v, --verbose        info findings on stderr too\n"
	    "Exit status: 0 all sent, 1 claims held back, 2 failure (nothing "
	    "committed).\n", fp);
}

static int
parse_args(struct run_opts *o, int argc, char **argv)
{
	int c;
	char *end;

	while ((c = getopt_long(argc, argv, "hm:qv", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_PROFILE: o->profile = optarg; break;
		case 'm': o->map = optarg; break;
		case OPT_PARTNER: o->partner = optarg; break;
		case OPT_STATE: o->state = optarg; break;
		case OPT_HISTORY: o->history = optarg; break;
		case OPT_RULES:
			if (o->nrules >= 64)
				return -1;
			o->rules[o->nrules++] = optarg;
			break;
		case OPT_NO_DEFAULT_RULES: o->no_default_rules = 1; break;
		case OPT_CODESETS: o->codesets = optarg; break;
		case OPT_ARCHIVE: o->archive = optarg; break;
		case OPT_OUT: o->out = optarg; break;
		case OPT_AUDIT: o->audit = optarg; break;
		case OPT_INBOX: o->inbox = optarg; break;
		case OPT_WAIT: o->wait = 1; break;
		case OPT_SETTLE:
			o->settle_ms = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || o->settle_ms < 0
			    || o->settle_ms > 600000) {
				warn("--settle needs milliseconds, not '%s'",
				    optarg);
				return -1;
			}
			break;
		case OPT_CAP:
			o->cap = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || o->cap < 0) {
				warn("--cap needs a count, not '%s'", optarg);
				return -1;
			}
			break;
		case OPT_NO_PROGRESS: o->progress = 0; break;
		case 'q': o->quiet = 1; break;
		case 'v': o->verbose = 1; break;
		case 'h': usage(stdout); exit(CLM_EXIT_OK);
		case OPT_VERSION:
			printf("clm-run (clm) %s\n", CLM_VERSION);
			exit(CLM_EXIT_OK);
		default:
			warn("bad option (see --help)");
			return -1;
		}
	}
	o->exports = argv + optind;
	o->nexports = argc - optind;
	if (o->partner == NULL || o->state == NULL || o->out == NULL) {
		warn("--partner FILE, --state FILE and --out DIR are required "
		    "(see --help)");
		return -1;
	}
	if ((o->inbox == NULL) == (o->nexports == 0)) {
		warn(o->inbox ? "--inbox DIR takes no EXPORT" :
		    "name the EXPORT files (or --inbox DIR)");
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct run_opts o;
	struct clm_error err;
	int lockfd, done, status;

	memset(&o, 0, sizeof(o));
	o.settle_ms = 2000;
	/* a terminal: progress and 10 diagnostics per edit id by default */
	o.progress = isatty(2);
	o.cap = isatty(2) ? 10 : 0;
	setvbuf(stderr, NULL, _IOFBF, 64 * 1024);
	if (parse_args(&o, argc, argv) < 0)
		return CLM_EXIT_FAILURE;
	if (o.quiet)
		o.progress = 0;
	main_argc = argc;
	main_argv = argv;
	if ((lockfd = take_lock(&o)) < 0)
		return CLM_EXIT_FAILURE;
	clm_error_clear(&err);
	audit_cs = clm_codeset_open_default(o.codesets, &err);
	clm_error_clear(&err);	/* no index: code-check says so */
	crash_point("start");
	clm_error_clear(&err);
	{
		char jpath[PATH_MAX];

		snprintf(jpath, sizeof(jpath), "%s.journal", o.state);
		if (clm_journal_recover(jpath, &done, &err) < 0) {
			char buf[1024];

			clm_error_format(&err, buf, sizeof(buf));
			warn("%s: an earlier run's commit cannot be finished",
			    buf);
			return CLM_EXIT_FAILURE;
		}
		if (done && !o.quiet)
			warn("an earlier run was stopped while putting its "
			    "outputs in place: finished now");
	}
	if (o.inbox != NULL)
		status = run_inbox(&o);
	else
		status = run_once(&o, o.exports, o.nexports, o.out, NULL,
		    NULL);
	clm_codeset_close(audit_cs);
	close(lockfd);
	return status;
}
