/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared pieces of the libFuzzer targets over the portable core: a log
 * buffer whose invariants are checked after every run, and the abort that
 * turns a broken invariant into a crash libFuzzer records.
 */
#ifndef _ELFK_FUZZ_COMMON_H
#define _ELFK_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "core.h"

#define FUZZ_LOG_SIZE 1024

/* An invariant of the core does not hold: report it and crash. */
#define fuzz_assert(cond, ...)                                          \
	do {                                                            \
		if (!(cond)) {                                          \
			fprintf(stderr, "fuzz invariant failed: %s: ", #cond); \
			fprintf(stderr, __VA_ARGS__);                   \
			fputc('\n', stderr);                            \
			abort();                                        \
		}                                                       \
	} while (0)

/* The log is always NUL-terminated inside its buffer. */
static inline void fuzz_check_log(const struct elfk_log *log, const char *buf,
				  size_t size)
{
	fuzz_assert(memchr(buf, '\0', size), "log not NUL-terminated");
	fuzz_assert(strlen(buf) <= log->len_total, "log longer than its count");
}

/* A rejection must say why; success says nothing at level ERROR. */
static inline void fuzz_check_result(int err, const char *buf)
{
	fuzz_assert(err <= 0 && err > -4096, "errno %d out of range", err);
	if (err)
		fuzz_assert(buf[0] != '\0', "errno %d with an empty log", err);
}

#endif /* _ELFK_FUZZ_COMMON_H */
