/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elfk-ctl: the ARG syntax of "elfk-ctl call".
 *
 * Copyright (C) 2026 The elfk authors
 */
#ifndef _ELFK_CTL_ARGS_H
#define _ELFK_CTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/elfk.h>

/* What "call" does with an argument's buffer after the call returns. */
enum elfk_call_out {
	ELFK_CALL_OUT_NONE, /* integer or input-only buffer */
	ELFK_CALL_OUT_HEX, /* out:N, inout:FILE: print as hex */
	ELFK_CALL_OUT_TEXT, /* outstr:N: print up to the first NUL */
	ELFK_CALL_OUT_FILE, /* out:N:FILE: write to @path */
};

/**
 * struct elfk_call_param - one parsed ARG
 * @kind: ELFK_ARG_INT, ELFK_ARG_IN, ELFK_ARG_OUT or ELFK_ARG_INOUT
 * @out: what to do with the buffer after the call
 * @value: the integer, for ELFK_ARG_INT
 * @buf: the buffer (malloc()ed), for the other kinds
 * @len: its length in bytes
 * @path: the file named by in:, inout: or out:N:FILE (points into argv)
 * @error: the errno of an input file that could not be read
 * @argno: the ARG it came from, counting from 1 (0: a length a typed call
 *         passes itself)
 */
struct elfk_call_param {
	__u32 kind;
	enum elfk_call_out out;
	__u64 value;
	void *buf;
	size_t len;
	const char *path;
	int error;
	unsigned int argno;
};

/**
 * struct elfk_call_params - every ARG of one call
 * @nr: how many of @param are used
 * @param: the arguments, in order
 * @stdin_used: an in:- or inout:- already consumed standard input
 * @error: after ELFK_EXIT_IO, the errno of the file that failed
 */
struct elfk_call_params {
	unsigned int nr;
	struct elfk_call_param param[ELFK_CALL_MAX_ARGS];
	bool stdin_used;
	int error;
};

extern bool elfk_stdin_busy;

int elfk_split_line(char *line, char **argv, int max, int *argc, char *err,
		    size_t errlen);
int elfk_parse_int(const char *s, __u64 *val);
int elfk_parse_size(const char *s, size_t max, size_t *len);
int parse_call_arg(const char *s, struct elfk_call_param *p, bool *stdin_used,
		   char *err, size_t errlen);
int parse_call_args(int argc, char *const argv[], struct elfk_call_params *cp,
		    char *err, size_t errlen);
void elfk_call_params_free(struct elfk_call_params *cp);

#endif /* _ELFK_CTL_ARGS_H */
