/*
 * The record reader (see clm_record_in.h).  The trailer test costs one
 * comparison of the value count per row: a record row has a claim_id
 * column and more, the trailer one value.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clm_csv.h"
#include "clm_io.h"
#include "clm_record_in.h"

struct clm_record_reader {
	struct clm_in *in;
	struct clm_csv *csv;
	struct clm_header *h;
	int pipe;		/* the trailer is required */
	int ended;		/* the trailer was read */
	long end_line;
	long last_line;		/* line of the last row read */
};

static int
read_header(struct clm_record_reader *r, struct clm_error *err)
{
	const char *name = clm_in_name(r->in);
	struct clm_row *row = clm_row_new();
	int rc = clm_csv_next(r->csv, row, err);

	if (rc == 0)
		rc = clm_error_set(err, CLM_EFORMAT, name, 1, r->pipe ?
		    "record stream cut: the pipe ended before the header row "
		    "(did an earlier stage fail?)" :
		    "empty input: no header row");
	if (rc > 0 && clm_record_is_trailer(row))
		rc = clm_error_set(err, CLM_EFORMAT, name, row->line,
		    "end-of-records line where the header row belongs");
	for (size_t i = 0; rc > 0 && i < row->n; i++)
		clm_header_add(r->h, clm_row_value(row, i));
	if (rc > 0)
		r->last_line = row->line;
	clm_row_free(row);
	if (rc > 0 && r->h->canon[CLM_COL_CLAIM_ID] < 0)
		rc = clm_error_set(err, CLM_EFORMAT, name, 1,
		    "no claim_id column: not clm records (use clm-parse)");
	if (rc > 0)
		rc = clm_header_check(r->h, name, err);
	return rc < 0 ? rc : 0;
}

/* Files are parsed ahead in a thread; a pipe might block it for good. */
static int
is_regular_file(const char *path)
{
	struct stat st;

	return path != NULL && strcmp(path, "-") != 0 &&
	    stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

struct clm_record_reader *
clm_record_reader_open_in(struct clm_in *in, int readahead,
    struct clm_error *err)
{
	struct clm_record_reader *r = clm_xcalloc(1, sizeof(*r));

	r->in = in;
	r->pipe = clm_in_is_pipe(in);
	r->csv = clm_csv_open(in, ',');
	r->h = clm_header_new();
	if (read_header(r, err) < 0) {
		clm_record_reader_close(r);
		return NULL;
	}
	if (readahead)
		clm_csv_readahead(r->csv);
	return r;
}

struct clm_record_reader *
clm_record_reader_open(const char *path, struct clm_error *err)
{
	struct clm_in *in = clm_in_open(path, err);

	if (in == NULL)
		return NULL;
	return clm_record_reader_open_in(in, is_regular_file(path), err);
}

const struct clm_header *
clm_record_reader_header(const struct clm_record_reader *r)
{
	return r->h;
}

struct clm_header *
clm_record_reader_take_header(struct clm_record_reader *r)
{
	struct clm_header *h = r->h;

	r->h = NULL;
	return h;
}

const char *
clm_record_reader_name(const struct clm_record_reader *r)
{
	return clm_in_name(r->in);
}

int
clm_record_reader_next(void *p, struct clm_row *row, struct clm_error *err)
{
	struct clm_record_reader *r = p;
	int rc = clm_csv_next(r->csv, row, err);

	if (rc > 0) {
		if (r->ended)
			return clm_error_set(err, CLM_EFORMAT,
			    clm_in_name(r->in), row->line, "%s after the "
			    "end-of-records line of line %ld",
			    clm_record_is_trailer(row) ?
			    "a second end-of-records line" : "data",
			    r->end_line);
		r->last_line = row->line;
		if (clm_record_is_trailer(row)) {
			r->ended = 1;
			r->end_line = row->line;
			return clm_record_reader_next(p, row, err);
		}
		return rc;
	}
	if (rc == 0 && r->pipe && !r->ended)
		return clm_error_set(err, CLM_EFORMAT, clm_in_name(r->in),
		    r->last_line, "record stream cut: the pipe ended after "
		    "this line without the end-of-records line (did an "
		    "earlier stage fail?)");
	return rc;
}

void
clm_record_reader_close(struct clm_record_reader *r)
{
	if (r == NULL)
		return;
	clm_csv_close(r->csv);
	clm_in_close(r->in);
	clm_header_free(r->h);
	free(r);
}
