/*
 * clm-run: the one-line progress display on a terminal (claims/s, share of
 * the input bytes read, ETA), redrawn in place at most five times a
 * second.  The bytes read come from the kernel's file position of the
 * export being read (/proc/self/fdinfo), so no reader needs to report.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "run.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
run_progress_start(struct run_progress *p, char **paths, int n)
{
	struct stat st;

	memset(p, 0, sizeof(*p));
	p->paths = paths;
	p->npaths = n;
	p->fd = -1;
	for (int i = 0; i < n; i++)
		if (stat(paths[i], &st) == 0)
			p->total += (long long)st.st_size;
	p->t0 = now_s();
}

/* The position of the fd reading path (found once, checked each time). */
static long long
position(struct run_progress *p, const char *path)
{
	char link[300], target[PATH_MAX], want[PATH_MAX], line[128];
	ssize_t n;
	FILE *fp;
	long long pos = -1;

	if (realpath(path, want) == NULL)
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		if (p->fd < 0 || pass == 1) {
			DIR *d = opendir("/proc/self/fd");
			struct dirent *de;

			p->fd = -1;
			while (d != NULL && (de = readdir(d)) != NULL) {
				snprintf(link, sizeof(link), "/proc/self/fd/%s",
				    de->d_name);
				n = readlink(link, target, sizeof(target) - 1);
				if (n > 0) {
					target[n] = '\0';
					if (strcmp(target, want) == 0) {
						p->fd = (int)strtol(de->d_name, NULL, 10);
						break;
					}
				}
			}
			if (d != NULL)
				closedir(d);
		}
		if (p->fd < 0)
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%d", p->fd);
		n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0 || (target[n] = '\0', strcmp(target, want) != 0))
			continue;
		snprintf(link, sizeof(link), "/proc/self/fdinfo/%d", p->fd);
		if ((fp = fopen(link, "r")) == NULL)
			continue;
		while (fgets(line, sizeof(line), fp) != NULL)
			if (strncmp(line, "pos:", 4) == 0)
				pos = atoll(line + 4);
		fclose(fp);
		return pos;
	}
	return -1;
}

void
run_progress_format(char *buf, size_t size, unsigned long claims,
    double secs, long long done, long long total)
{
	double rate = secs > 0 ? (double)claims / secs : 0;
	double share = total > 0 && done >= 0 ? (double)done / (double)total :
	    -1;

	if (share > 1)
		share = 1;
	if (share > 0.001) {
		long eta = (long)(secs / share - secs + 0.5);

		snprintf(buf, size, "clm-run: %lu claims, %.0f claims/s, %.0f%% "
		    "of input read, ETA %ld:%02ld", claims, rate, share * 100,
		    eta / 60, eta % 60);
	} else {
		snprintf(buf, size, "clm-run: %lu claims, %.0f claims/s",
		    claims, rate);
	}
}

void
run_progress_tick(struct run_progress *p, unsigned long claims, int force)
{
	double t = now_s();
	char buf[256];
	long long done;

	if (!force && t - p->last < 0.2)
		return;
	p->last = t;
	done = p->done_before;
	if (p->cur >= 0 && p->cur < p->npaths) {
		long long pos = position(p, p->paths[p->cur]);

		if (pos > 0)
			done += pos;
	}
	run_progress_format(buf, sizeof(buf), claims, t - p->t0, done,
	    p->total);
	fprintf(stderr, "\r\033[K%s", buf);
	fflush(stderr);
	p->drawn = 1;
}

void
run_progress_input(struct run_progress *p, const char *path)
{
	struct stat st;

	if (p->cur >= 0 && p->cur < p->npaths && p->started &&
	    stat(p->paths[p->cur], &st) == 0)
		p->done_before += (long long)st.st_size;
	if (p->started)
		p->cur++;
	p->started = 1;
	p->fd = -1;
	(void)path;
}

void
run_progress_end(struct run_progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->drawn = 0;
}
