// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl: the ARG syntax of "elfk-ctl call".
 *
 * Each ARG becomes one struct elfk_call_arg.  The syntax, which
 * Documentation/elfk-ctl.rst (ARGUMENT SYNTAX) describes for users:
 *
 *   INTEGER        ELFK_ARG_INT; C syntax as strtoll()/strtoull() with base
 *                  0 read it: decimal, 0x hex, leading 0 octal, optional
 *                  sign; the whole word, within 64 bits (-2^63 .. 2^64-1).
 *   str:TEXT       ELFK_ARG_IN: TEXT and its terminating NUL.
 *   in:FILE        ELFK_ARG_IN: the bytes of FILE ("-": standard input).
 *   out:N          ELFK_ARG_OUT of N bytes, printed in hex afterwards.
 *   outstr:N       ELFK_ARG_OUT of N bytes, printed as text afterwards.
 *   out:N:FILE     ELFK_ARG_OUT of N bytes, written to FILE afterwards.
 *   inout:FILE     ELFK_ARG_INOUT with the bytes of FILE, printed in hex.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "elfk-ctl.h"

/* Set by "batch -": its commands come from standard input, so in:- cannot. */
bool elfk_stdin_busy;

/**
 * elfk_parse_int() - parse an INTEGER argument
 * @s: the text
 * @val: out: the value; negative numbers in two's complement
 *
 * Return: 0, -EINVAL when @s is not entirely a number, -ERANGE when the
 * number does not fit in 64 bits.
 */
int elfk_parse_int(const char *s, __u64 *val)
{
	unsigned long long u;
	long long v;
	char *end;

	/* strto*() skip leading blanks: refuse them, and the empty word. */
	if (!*s || isspace((unsigned char)*s))
		return -EINVAL;

	errno = 0;
	if (*s == '-') {
		v = strtoll(s, &end, 0);
		u = (unsigned long long)v;
	} else {
		u = strtoull(s, &end, 0);
	}
	if (end == s || *end)
		return -EINVAL;
	if (errno == ERANGE)
		return -ERANGE;
	*val = u;
	return 0;
}

/**
 * elfk_parse_size() - parse a buffer size N
 * @s: the text, an INTEGER
 * @max: the largest size accepted
 * @len: out: the size
 *
 * Return: 0, -EINVAL when @s is not a number, -ERANGE when it is not in
 * 1 .. @max.
 */
int elfk_parse_size(const char *s, size_t max, size_t *len)
{
	__u64 v;
	int err;

	err = elfk_parse_int(s, &v);
	if (err)
		return err;
	if (*s == '-' || !v || v > max)
		return -ERANGE;
	*len = v;
	return 0;
}

static __printf(4, 5) int elfk_arg_fail(int ret, char *err, size_t errlen,
					const char *fmt, ...);

static int elfk_arg_fail(int ret, char *err, size_t errlen, const char *fmt,
			 ...)
{
	va_list ap;

	if (errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return ret;
}

static int elfk_arg_size(const char *s, size_t *len, char *err, size_t errlen)
{
	switch (elfk_parse_size(s, ELFK_CTL_BUF_MAX, len)) {
	case 0:
		return ELFK_EXIT_OK;
	case -ERANGE:
		return elfk_arg_fail(ELFK_EXIT_USAGE, err, errlen,
				     "size '%s' is not in 1..%lu", s,
				     ELFK_CTL_BUF_MAX);
	default:
		return elfk_arg_fail(ELFK_EXIT_USAGE, err, errlen,
				     "size '%s' is not an integer", s);
	}
}

static int elfk_arg_file(const char *path, struct elfk_call_param *p,
			 bool *stdin_used, char *err, size_t errlen)
{
	int ret;

	if (!*path)
		return elfk_arg_fail(ELFK_EXIT_USAGE, err, errlen,
				     "missing FILE");
	if (!strcmp(path, "-")) {
		if (*stdin_used)
			return elfk_arg_fail(ELFK_EXIT_USAGE, err, errlen,
					     "standard input is already used");
		*stdin_used = true;
	}
	p->path = path;
	ret = elfk_read_input(path, &p->buf, &p->len, ELFK_CTL_BUF_MAX);
	p->error = -ret;
	if (ret)
		return elfk_arg_fail(ELFK_EXIT_IO, err, errlen, "%s: %s",
				     strcmp(path, "-") ? path : "<stdin>",
				     strerror(-ret));
	if (!p->len) {
		free(p->buf);
		p->buf = NULL;
		return elfk_arg_fail(ELFK_EXIT_USAGE, err, errlen,
				     "%s is empty",
				     strcmp(path, "-") ? path : "<stdin>");
	}
	return ELFK_EXIT_OK;
}

/**
 * parse_call_arg() - parse one ARG of "elfk-ctl call"
 * @s: the ARG
 * @p: out: the parsed argument; its buffer is allocated here
 * @stdin_used: in/out: whether an earlier ARG consumed standard input
 * @err: out: on failure, why (without the ARG itself)
 * @errlen: size of @err
 *
 * Input files are read here, so that a missing file is reported before any
 * ioctl; out:N:FILE only records FILE.
 *
 * Return: ELFK_EXIT_OK; ELFK_EXIT_USAGE for a malformed ARG;
 * ELFK_EXIT_IO when an input file cannot be read (@p->error says why).  @p owns nothing on
 * failure.
 */
int parse_call_arg(const char *s, struct elfk_call_param *p, bool *stdin_used,
		   char *err, size_t errlen)
{
	const char *colon, *rest, *n;
	char size[32];
	size_t plen;
	int ret;

	memset(p, 0, sizeof(*p));
	colon = strchr(s, ':');
	if (!colon) {
		p->kind = ELFK_ARG_INT;
		switch (elfk_parse_int(s, &p->value)) {
		case 0:
			return ELFK_EXIT_OK;
		case -ERANGE:
			return elfk_arg_fail(ELFK_EXIT_USAGE, err, errlen,
					     "integer out of 64-bit range");
		default:
			return elfk_arg_fail(ELFK_EXIT_USAGE, err, errlen,
					     "not an integer nor KIND:VALUE");
		}
	}

	plen = colon - s;
	rest = colon + 1;
#define KIND_IS(k) (plen == sizeof(k) - 1 && !strncmp(s, k, plen))
	if (KIND_IS("str")) {
		p->kind = ELFK_ARG_IN;
		p->len = strlen(rest) + 1;
		p->buf = strdup(rest);
		p->error = p->buf ? 0 : ENOMEM;
		if (!p->buf)
			return elfk_arg_fail(ELFK_EXIT_IO, err, errlen, "%s",
					     strerror(ENOMEM));
		return ELFK_EXIT_OK;
	}
	if (KIND_IS("in") || KIND_IS("inout")) {
		p->kind = KIND_IS("in") ? ELFK_ARG_IN : ELFK_ARG_INOUT;
		p->out = KIND_IS("in") ? ELFK_CALL_OUT_NONE : ELFK_CALL_OUT_HEX;
		return elfk_arg_file(rest, p, stdin_used, err, errlen);
	}
	if (KIND_IS("out") || KIND_IS("outstr")) {
		p->kind = ELFK_ARG_OUT;
		p->out = KIND_IS("out") ? ELFK_CALL_OUT_HEX :
					  ELFK_CALL_OUT_TEXT;
		n = rest;
		colon = strchr(rest, ':');
		if (colon) {
			if (p->out == ELFK_CALL_OUT_TEXT)
				return elfk_arg_fail(ELFK_EXIT_USAGE, err,
						     errlen,
						     "outstr:N takes no FILE");
			if ((size_t)(colon - rest) >= sizeof(size))
				return elfk_arg_fail(ELFK_EXIT_USAGE, err,
						     errlen,
						     "size is not an integer");
			memcpy(size, rest, colon - rest);
			size[colon - rest] = '\0';
			n = size;
			p->out = ELFK_CALL_OUT_FILE;
			p->path = colon + 1;
			if (!*p->path)
				return elfk_arg_fail(ELFK_EXIT_USAGE, err,
						     errlen, "missing FILE");
		}
		ret = elfk_arg_size(n, &p->len, err, errlen);
		if (ret)
			return ret;
		p->buf = calloc(1, p->len);
		p->error = p->buf ? 0 : ENOMEM;
		if (!p->buf)
			return elfk_arg_fail(ELFK_EXIT_IO, err, errlen, "%s",
					     strerror(ENOMEM));
		return ELFK_EXIT_OK;
	}
#undef KIND_IS
	return elfk_arg_fail(ELFK_EXIT_USAGE, err, errlen,
			     "unknown kind '%.*s:' (str:, in:, out:, outstr:, inout:)",
			     (int)(plen > 16 ? 16 : plen), s);
}

/**
 * parse_call_args() - parse every ARG of "elfk-ctl call"
 * @argc: how many
 * @argv: the ARGs
 * @cp: out: the arguments; release with elfk_call_params_free()
 * @err: out: on failure, which ARG and why
 * @errlen: size of @err
 *
 * Return: as parse_call_arg(); @cp owns nothing on failure, and
 * @cp->error holds the errno of an unreadable input file.
 */
int parse_call_args(int argc, char *const argv[], struct elfk_call_params *cp,
		    char *err, size_t errlen)
{
	char why[256];
	int i, ret;

	memset(cp, 0, sizeof(*cp));
	cp->stdin_used = elfk_stdin_busy;
	if (argc > ELFK_CALL_MAX_ARGS)
		return elfk_arg_fail(ELFK_EXIT_USAGE, err, errlen,
				     "too many arguments: %d (at most %d)",
				     argc, ELFK_CALL_MAX_ARGS);
	for (i = 0; i < argc; i++) {
		ret = parse_call_arg(argv[i], &cp->param[i], &cp->stdin_used,
				     why, sizeof(why));
		if (ret) {
			cp->error = cp->param[i].error;
			elfk_call_params_free(cp);
			return elfk_arg_fail(ret, err, errlen,
					     "argument %d '%s': %s", i + 1,
					     argv[i], why);
		}
		cp->param[i].argno = i + 1;
		cp->nr = i + 1;
	}
	return ELFK_EXIT_OK;
}

/**
 * elfk_call_params_free() - release the buffers of parsed arguments
 * @cp: the arguments
 */
void elfk_call_params_free(struct elfk_call_params *cp)
{
	unsigned int i;

	for (i = 0; i < cp->nr; i++) {
		free(cp->param[i].buf);
		cp->param[i].buf = NULL;
	}
	cp->nr = 0;
}

/**
 * elfk_split_line() - split one line of a batch file into words
 * @line: the line, without its newline; rewritten in place
 * @argv: out: the words, pointing into @line
 * @max: size of @argv
 * @argc: out: how many words
 * @err: out: on failure, why
 * @errlen: size of @err
 *
 * The words of a POSIX shell's simple command, without expansions:
 * blanks separate words; a word starting with '#' starts a comment that
 * ends the line; '...' quotes everything up to the next '; "..." quotes
 * too, but a backslash there escapes '"', '\', '$' and '`' (and is kept
 * before any other character); outside quotes a backslash makes the next
 * character literal.  So '' and "" are empty words.
 *
 * Return: 0, or -EINVAL (unterminated quote, backslash at the end of the
 * line) or -E2BIG (more than @max words), with @err set.
 */
int elfk_split_line(char *line, char **argv, int max, int *argc, char *err,
		    size_t errlen)
{
	char *r = line, *w;
	char quote;

	*argc = 0;
	for (;;) {
		while (*r == ' ' || *r == '\t' || *r == '\r')
			r++;
		if (!*r || *r == '#')
			return 0;
		if (*argc == max)
			return elfk_arg_fail(-E2BIG, err, errlen,
					     "more than %d words", max);
		/* The word is rewritten in place: w never passes r. */
		w = r;
		argv[(*argc)++] = w;
		quote = 0;
		while (*r) {
			if (quote == '\'') {
				if (*r == '\'')
					quote = 0;
				else
					*w++ = *r;
				r++;
				continue;
			}
			if (quote == '"') {
				if (*r == '"') {
					quote = 0;
					r++;
					continue;
				}
				if (*r == '\\' && r[1] && strchr("\"\\$`", r[1]))
					r++;
				*w++ = *r++;
				continue;
			}
			if (*r == ' ' || *r == '\t' || *r == '\r')
				break;
			if (*r == '\'' || *r == '"') {
				quote = *r++;
				continue;
			}
			if (*r == '\\') {
				if (!r[1])
					return elfk_arg_fail(-EINVAL, err,
							     errlen,
							     "backslash at the end of the line");
				r++;
			}
			*w++ = *r++;
		}
		if (quote)
			return elfk_arg_fail(-EINVAL, err, errlen,
					     "unterminated %c quote", quote);
		if (*r)
			r++;
		*w = '\0';
	}
}
