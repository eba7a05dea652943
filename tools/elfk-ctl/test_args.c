// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of elfk-ctl's ARG parser (args.c), errno names (libelfk's errname.c) and
 * OBJ resolution (obj.c), printing TAP.  Run by "make check".
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "elfk-ctl.h"
#include "obj.h"
#include "typed.h"
#include "../testing/host/tap.h"

int tap_failed, tap_count;

#define TMPDIR_TEMPLATE "/tmp/elfk-ctl-test.XXXXXX"

static char tmpdir[sizeof(TMPDIR_TEMPLATE)];
static char file3[64], empty[64];

static void make_files(void)
{
	FILE *f;

	memcpy(tmpdir, TMPDIR_TEMPLATE, sizeof(TMPDIR_TEMPLATE));
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(file3, sizeof(file3), "%s/abc", tmpdir);
	snprintf(empty, sizeof(empty), "%s/empty", tmpdir);
	f = fopen(file3, "w");
	fputs("abc", f);
	fclose(f);
	f = fopen(empty, "w");
	fclose(f);
}

static void remove_files(void)
{
	unlink(file3);
	unlink(empty);
	rmdir(tmpdir);
}

/*
 * Integers: each row is an ARG and the value strtoll()/strtoull() with
 * base 0 give it, worked out by hand; bad rows name why they fail.
 */
static const struct {
	const char *arg;
	__u64 value;
} int_ok[] = {
	{ "0", 0 },
	{ "42", 42 },
	{ "-1", 0xffffffffffffffffULL },
	{ "0x1f", 0x1f },
	{ "0X1F", 0x1f },
	{ "010", 8 }, /* leading 0: octal */
	{ "-0x10", (__u64)-16 },
	{ "+7", 7 },
	{ "18446744073709551615", 0xffffffffffffffffULL }, /* 2^64-1 */
	{ "-9223372036854775808", 0x8000000000000000ULL }, /* -2^63 */
	{ "0xffffffffffffffff", 0xffffffffffffffffULL },
};

static const struct {
	const char *arg;
	const char *why;
} int_bad[] = {
	{ "18446744073709551616", "2^64 overflows" },
	{ "-9223372036854775809", "below -2^63" },
	{ "0x10000000000000000", "hex overflow" },
	{ "12abc", "trailing junk" },
	{ "0x", "prefix without digits" },
	{ "08", "8 is not an octal digit" },
	{ " 5", "leading blank" },
	{ "5 ", "trailing blank" },
	{ "", "empty" },
	{ "-", "sign alone" },
	{ "--5", "double sign" },
	{ "1.5", "not an integer" },
};

static void test_ints(void)
{
	struct elfk_call_param p;
	char err[256];
	bool in = false;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(int_ok); i++) {
		*err = '\0';
		ret = parse_call_arg(int_ok[i].arg, &p, &in, err, sizeof(err));
		tap(ret == ELFK_EXIT_OK && p.kind == ELFK_ARG_INT &&
		    p.value == int_ok[i].value && !p.buf && !p.len,
		    "integer '%s' = 0x%llx", int_ok[i].arg,
		    (unsigned long long)int_ok[i].value);
	}
	for (i = 0; i < ARRAY_SIZE(int_bad); i++) {
		*err = '\0';
		ret = parse_call_arg(int_bad[i].arg, &p, &in, err, sizeof(err));
		tap(ret == ELFK_EXIT_USAGE && !p.buf,
		    "integer '%s' rejected (%s): %s", int_bad[i].arg,
		    int_bad[i].why, err);
	}
}

static void test_buffers(void)
{
	struct elfk_call_param p;
	char arg[128], err[256];
	bool in = false;
	int ret;

	ret = parse_call_arg("str:hello", &p, &in, err, sizeof(err));
	tap(ret == 0 && p.kind == ELFK_ARG_IN && p.len == 6 &&
	    !memcmp(p.buf, "hello", 6) && p.out == ELFK_CALL_OUT_NONE,
	    "str:hello is IN of 6 bytes with the NUL");
	free(p.buf);

	ret = parse_call_arg("str:", &p, &in, err, sizeof(err));
	tap(ret == 0 && p.kind == ELFK_ARG_IN && p.len == 1 &&
	    !((char *)p.buf)[0],
	    "str: is IN of 1 byte (the NUL)");
	free(p.buf);

	ret = parse_call_arg("str:a:b", &p, &in, err, sizeof(err));
	tap(ret == 0 && p.len == 4 && !strcmp(p.buf, "a:b"),
	    "str:a:b keeps the colon in TEXT");
	free(p.buf);

	snprintf(arg, sizeof(arg), "in:%s", file3);
	ret = parse_call_arg(arg, &p, &in, err, sizeof(err));
	tap(ret == 0 && p.kind == ELFK_ARG_IN && p.len == 3 &&
	    !memcmp(p.buf, "abc", 3) && p.out == ELFK_CALL_OUT_NONE,
	    "in:FILE is IN of the file's 3 bytes, no NUL added");
	free(p.buf);

	snprintf(arg, sizeof(arg), "inout:%s", file3);
	ret = parse_call_arg(arg, &p, &in, err, sizeof(err));
	tap(ret == 0 && p.kind == ELFK_ARG_INOUT && p.len == 3 &&
	    p.out == ELFK_CALL_OUT_HEX,
	    "inout:FILE is INOUT, printed in hex");
	free(p.buf);

	ret = parse_call_arg("out:16", &p, &in, err, sizeof(err));
	tap(ret == 0 && p.kind == ELFK_ARG_OUT && p.len == 16 &&
	    p.out == ELFK_CALL_OUT_HEX && p.buf &&
	    !memcmp(p.buf, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16),
	    "out:16 is a zeroed 16-byte OUT, printed in hex");
	free(p.buf);

	ret = parse_call_arg("out:0x10", &p, &in, err, sizeof(err));
	tap(ret == 0 && p.len == 16, "out:0x10 takes a hex size");
	free(p.buf);

	ret = parse_call_arg("outstr:32", &p, &in, err, sizeof(err));
	tap(ret == 0 && p.kind == ELFK_ARG_OUT && p.len == 32 &&
	    p.out == ELFK_CALL_OUT_TEXT,
	    "outstr:32 is a 32-byte OUT, printed as text");
	free(p.buf);

	ret = parse_call_arg("out:8:/tmp/x:y", &p, &in, err, sizeof(err));
	tap(ret == 0 && p.kind == ELFK_ARG_OUT && p.len == 8 &&
	    p.out == ELFK_CALL_OUT_FILE && !strcmp(p.path, "/tmp/x:y"),
	    "out:8:FILE writes FILE (colons allowed in FILE), not opened yet");
	free(p.buf);
}

static const struct {
	const char *arg;
	int ret;
	const char *why;
} bad_args[] = {
	{ "out:0", ELFK_EXIT_USAGE, "size 0" },
	{ "outstr:0", ELFK_EXIT_USAGE, "size 0" },
	{ "out:-1", ELFK_EXIT_USAGE, "negative size" },
	{ "out:", ELFK_EXIT_USAGE, "missing size" },
	{ "out:12x", ELFK_EXIT_USAGE, "size with trailing junk" },
	{ "out:1073741825", ELFK_EXIT_USAGE, "size above 1 GiB" },
	{ "out:99999999999999999999", ELFK_EXIT_USAGE, "size overflows" },
	{ "out:8:", ELFK_EXIT_USAGE, "out:N: without FILE" },
	{ "outstr:8:/tmp/x", ELFK_EXIT_USAGE, "outstr takes no FILE" },
	{ "in:", ELFK_EXIT_USAGE, "in: without FILE" },
	{ "in:/nonexistent/elfk-ctl", ELFK_EXIT_IO, "missing file" },
	{ "inout:/nonexistent/elfk-ctl", ELFK_EXIT_IO, "missing file" },
	{ "in:/", ELFK_EXIT_IO, "a directory" },
	{ "foo:bar", ELFK_EXIT_USAGE, "unknown kind" },
	{ "Str:x", ELFK_EXIT_USAGE, "kinds are lower case" },
	{ ":5", ELFK_EXIT_USAGE, "empty kind" },
};

static void test_bad_args(void)
{
	struct elfk_call_param p;
	char arg[128], err[256];
	bool in = false;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(bad_args); i++) {
		*err = '\0';
		ret = parse_call_arg(bad_args[i].arg, &p, &in, err,
				     sizeof(err));
		tap(ret == bad_args[i].ret && !p.buf,
		    "'%s' rejected with exit %d (%s): %s", bad_args[i].arg,
		    bad_args[i].ret, bad_args[i].why, err);
	}

	ret = parse_call_arg("in:/nonexistent/elfk-ctl", &p, &in, err,
			     sizeof(err));
	tap(ret == ELFK_EXIT_IO && p.error == ENOENT,
	    "a missing in:FILE reports ENOENT");

	snprintf(arg, sizeof(arg), "in:%s", empty);
	ret = parse_call_arg(arg, &p, &in, err, sizeof(err));
	tap(ret == ELFK_EXIT_USAGE && !p.buf, "empty in:FILE rejected: %s", err);
}

static void test_arg_lists(void)
{
	static char *const six[] = { "1", "str:x", "out:4",
				     "outstr:4", "-1", "0x2" };
	static char *const seven[] = { "1", "2", "3", "4", "5", "6", "7" };
	static char *const junk[] = { "1", "2x" };
	static char *const two_stdin[] = { "in:-", "inout:-" };
	struct elfk_call_params cp;
	char err[256];
	int ret;

	ret = parse_call_args(0, NULL, &cp, err, sizeof(err));
	tap(ret == 0 && cp.nr == 0, "no ARG is a call without arguments");

	ret = parse_call_args(6, six, &cp, err, sizeof(err));
	tap(ret == 0 && cp.nr == 6 && cp.param[0].kind == ELFK_ARG_INT &&
	    cp.param[1].kind == ELFK_ARG_IN &&
	    cp.param[2].kind == ELFK_ARG_OUT &&
	    cp.param[3].out == ELFK_CALL_OUT_TEXT &&
	    cp.param[4].value == (__u64)-1 && cp.param[5].value == 2,
	    "6 ARGs of every kind parse in order");
	elfk_call_params_free(&cp);
	tap(cp.nr == 0, "elfk_call_params_free() empties the list");

	ret = parse_call_args(7, seven, &cp, err, sizeof(err));
	tap(ret == ELFK_EXIT_USAGE && cp.nr == 0, "7 ARGs rejected: %s", err);

	*err = '\0';
	ret = parse_call_args(2, junk, &cp, err, sizeof(err));
	tap(ret == ELFK_EXIT_USAGE && cp.nr == 0 &&
	    strstr(err, "argument 2 '2x'"),
	    "the bad ARG is named by position: %s", err);

	/* The first in:- reads stdin; make it /dev/null-like and empty. */
	if (!freopen("/dev/null", "r", stdin))
		perror("freopen");
	ret = parse_call_args(2, two_stdin, &cp, err, sizeof(err));
	tap(ret == ELFK_EXIT_USAGE && cp.nr == 0,
	    "in:- from empty stdin rejected: %s", err);
}

static void test_stdin_twice(void)
{
	struct elfk_call_param p;
	char err[256];
	bool in = true;
	int ret;

	ret = parse_call_arg("in:-", &p, &in, err, sizeof(err));
	tap(ret == ELFK_EXIT_USAGE && !p.buf, "a second in:- rejected: %s", err);
}

/* Batch lines: each row's words joined by '|', or NULL for a refusal. */
static const struct {
	const char *line, *words;
} split_rows[] = {
	{ "", "" },
	{ "   # a comment", "" },
	{ "call hello add 2 3", "call|hello|add|2|3" },
	{ "\tcall  hello\tadd 2 3  # trailing comment\r", "call|hello|add|2|3" },
	{ "call x greet 'str:hello world' \"a\\\"b\\\\c\\d\"",
	  "call|x|greet|str:hello world|a\"b\\c\\d" },
	{ "load a\\ b.so a#b ''", "load|a b.so|a#b|" },
	{ "x 'it'\"'\"'s'", "x|it's" },
	{ "x 'open", NULL },
	{ "x \"open", NULL },
	{ "x end\\", NULL },
};

static void test_split_line(void)
{
	char line[256], joined[256], err[128], *argv[8];
	size_t i;
	int argc, j, ret;

	for (i = 0; i < ARRAY_SIZE(split_rows); i++) {
		snprintf(line, sizeof(line), "%s", split_rows[i].line);
		err[0] = '\0';
		ret = elfk_split_line(line, argv, ARRAY_SIZE(argv), &argc, err,
				      sizeof(err));
		if (!split_rows[i].words) {
			tap(ret == -EINVAL, "batch line <%s> refused: %s",
			    split_rows[i].line, err);
			continue;
		}
		joined[0] = '\0';
		for (j = 0; !ret && j < argc; j++)
			snprintf(joined + strlen(joined),
				 sizeof(joined) - strlen(joined), "%s%s",
				 j ? "|" : "", argv[j]);
		tap(!ret && !strcmp(joined, split_rows[i].words),
		    "batch line <%s> splits as <%s> (got %d <%s>)",
		    split_rows[i].line, split_rows[i].words, ret, joined);
	}
	snprintf(line, sizeof(line), "1 2 3 4 5 6 7 8 9");
	ret = elfk_split_line(line, argv, ARRAY_SIZE(argv), &argc, err,
			      sizeof(err));
	tap(ret == -E2BIG, "a batch line of 9 words, 8 allowed: %s", err);
}

/* Descriptors as ELFK_EXPORT_TYPED() writes them; kinds as letters ISNOXL. */
static const struct {
	const char *desc;
	int ret;
	const char *kinds;
} type_rows[] = {
	{ "f()", 0, "" },
	{ "f( elfk_int , elfk_int )", 0, "II" },
	{ "f(elfk_out(1), elfk_len)", 0, "OL" },
	{ "f(elfk_len,elfk_in( 0 ),elfk_str,elfk_inout(4),elfk_len)", 0, "LNSXL" },
	{ "fg(elfk_int)", 1, NULL },
	{ "g(elfk_int)", 1, NULL },
	{ "f", 1, NULL },
	{ "f(elfk_long)", -EINVAL, NULL },
	{ "f(elfk_out)", -EINVAL, NULL },
	{ "f(elfk_out(1))", -EINVAL, NULL },
	{ "f(elfk_out(0), elfk_len)", -EINVAL, NULL },
	{ "f(elfk_out(2), elfk_in(2), elfk_len)", -EINVAL, NULL },
	{ "f(elfk_len)", -EINVAL, NULL },
	{ "f(elfk_out(9), elfk_len)", -EINVAL, NULL },
	{ "f(elfk_int,elfk_int,elfk_int,elfk_int,elfk_int,elfk_int,elfk_int)",
	  -EINVAL, NULL },
	{ "f(elfk_int", -EINVAL, NULL },
	{ "f(elfk_int) x", -EINVAL, NULL },
};

static void test_type_parse(void)
{
	static const char letters[] = "ISNOXL";
	struct elfk_fn_type t;
	char kinds[8], err[256];
	unsigned int j;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(type_rows); i++) {
		err[0] = '\0';
		ret = elfk_type_parse(type_rows[i].desc,
				      strlen(type_rows[i].desc), "f", &t, err,
				      sizeof(err));
		kinds[0] = '\0';
		for (j = 0; !ret && j < t.nr; j++) {
			kinds[j] = letters[t.kind[j]];
			kinds[j + 1] = '\0';
		}
		tap(ret == type_rows[i].ret &&
		    (ret || !strcmp(kinds, type_rows[i].kinds)),
		    "descriptor <%s>: %d %s (got %d %s) %s", type_rows[i].desc,
		    type_rows[i].ret,
		    type_rows[i].kinds ? type_rows[i].kinds : "", ret, kinds,
		    err);
	}
}

static void test_errno_names(void)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ ENOEXEC, "ENOEXEC" }, { EOPNOTSUPP, "EOPNOTSUPP" },
		{ ENOENT, "ENOENT" },	{ ERANGE, "ERANGE" },
		{ EFBIG, "EFBIG" },	{ ENOSPC, "ENOSPC" },
		{ ENOMEM, "ENOMEM" },	{ EPERM, "EPERM" },
		{ EFAULT, "EFAULT" },	{ EINVAL, "EINVAL" },
		{ E2BIG, "E2BIG" },	{ ENOTTY, "ENOTTY" },
		{ EBUSY, "EBUSY" },	{ ENOTUNIQ, "ENOTUNIQ" },
		{ 524, "ENOTSUPP" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		const char *n = elfk_errno_name(names[i].err);

		tap(n && !strcmp(n, names[i].name), "errno %d is %s",
		    names[i].err, names[i].name);
	}
	tap(!elfk_errno_name(0) && !elfk_errno_name(-1) &&
	    !elfk_errno_name(4000),
	    "0, -1 and 4000 have no name");
}

/*
 * A fake registry for obj.c: objects by id and name; @vanish lists ids
 * that disappear once the walk has asked for a smaller id (as if unloaded
 * by someone else during the listing).
 */
struct fake_obj {
	__u32 id;
	const char *name;
	bool gone;
};

struct fake_reg {
	struct fake_obj *obj;
	size_t nr;
	__u32 vanish_after; /* after a query at this id ... */
	__u32 vanish; /* ... this id disappears (0: never) */
	int fail; /* errno of every query, or 0 */
	unsigned int queries;
	bool bad_request;
};

static int fake_info(void *ctx, struct elfk_info *info)
{
	struct fake_reg *r = ctx;
	size_t i;

	r->queries++;
	if (info->size != sizeof(*info) || info->flags != ELFK_INFO_NEXT)
		r->bad_request = true;
	if (r->fail)
		return -r->fail;
	if (r->vanish && info->id > r->vanish_after)
		for (i = 0; i < r->nr; i++)
			if (r->obj[i].id == r->vanish)
				r->obj[i].gone = true;
	for (i = 0; i < r->nr; i++) {
		if (r->obj[i].gone || r->obj[i].id < info->id)
			continue;
		info->id = r->obj[i].id;
		snprintf(info->name, sizeof(info->name), "%s", r->obj[i].name);
		info->state = ELFK_STATE_LIVE;
		return 0;
	}
	return -ENOENT;
}

static int count_cb(const struct elfk_info *info, void *data)
{
	(void)info;
	++*(int *)data;
	return 0;
}

static void test_resolve(void)
{
	struct fake_obj objs[] = {
		{ 3, "alpha", false }, { 7, "beta", false },
		{ 9, "twin", false },  { 12, "twin", false },
		{ 20, "last", false },
	};
	struct fake_reg r = { .obj = objs, .nr = ARRAY_SIZE(objs) };
	int n = 0, err;
	__u32 id = 0;

	tap(elfk_obj_parse_id("42", &id) == 0 && id == 42, "OBJ '42' is id 42");
	tap(elfk_obj_parse_id("4294967295", &id) == 0 && id == 0xffffffffU,
	    "OBJ '4294967295' is the largest id");
	tap(elfk_obj_parse_id("4294967296", &id) == -ERANGE,
	    "OBJ '4294967296' is out of range");
	tap(elfk_obj_parse_id("0", &id) == -ERANGE, "OBJ '0' is not an id");
	tap(elfk_obj_parse_id("0x10", &id) == -EINVAL &&
	    elfk_obj_parse_id("-1", &id) == -EINVAL &&
	    elfk_obj_parse_id("7a", &id) == -EINVAL,
	    "OBJ '0x10', '-1', '7a' are names");

	err = elfk_obj_resolve("12", fake_info, &r, &id);
	tap(!err && id == 12 && !r.queries, "an id is used without a query");

	err = elfk_obj_resolve("beta", fake_info, &r, &id);
	tap(!err && id == 7 && !r.bad_request,
	    "name 'beta' is id 7, queried with size and ELFK_INFO_NEXT");
	err = elfk_obj_resolve("last", fake_info, &r, &id);
	tap(!err && id == 20, "name 'last' is id 20");
	err = elfk_obj_resolve("nope", fake_info, &r, &id);
	tap(err == -ENOENT, "an unknown name is ENOENT");
	err = elfk_obj_resolve("twin", fake_info, &r, &id);
	tap(err == -ENOTUNIQ, "a name two objects share is ENOTUNIQ");

	r.queries = 0;
	err = elfk_obj_for_each(fake_info, &r, count_cb, &n);
	tap(!err && n == 5 && r.queries == 6,
	    "the walk sees 5 objects in 6 queries, the last one ENOENT");

	/* beta (7) vanishes once the walk has passed alpha (3). */
	r.vanish_after = 3;
	r.vanish = 7;
	n = 0;
	err = elfk_obj_for_each(fake_info, &r, count_cb, &n);
	tap(!err && n == 4, "an object unloaded during the walk is skipped");
	err = elfk_obj_resolve("beta", fake_info, &r, &id);
	tap(err == -ENOENT, "a vanished name is ENOENT");
	err = elfk_obj_resolve("last", fake_info, &r, &id);
	tap(!err && id == 20, "names after a vanished object still resolve");

	r.fail = EPERM;
	err = elfk_obj_resolve("alpha", fake_info, &r, &id);
	tap(err == -EPERM, "a failing query (EPERM) is reported");
}

int main(void)
{
	make_files();
	test_ints();
	test_buffers();
	test_bad_args();
	test_arg_lists();
	test_stdin_twice();
	test_split_line();
	test_type_parse();
	test_errno_names();
	test_resolve();
	remove_files();
	printf("1..%d\n", tap_count);
	printf("%d passed, %d failed\n", tap_count - tap_failed, tap_failed);
	return tap_failed ? 1 : 0;
}
