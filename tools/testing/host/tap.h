/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal TAP producer for the host unit tests. */
#ifndef _ELFK_TAP_H
#define _ELFK_TAP_H

#include <stdarg.h>
#include <stdio.h>

extern int tap_failed, tap_count;

/* Report one test; returns @ok so callers can stop early. */
static inline int __attribute__((format(printf, 2, 3)))
tap(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", ok ? "" : "not ", ++tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!ok)
		tap_failed++;
	return ok;
}

#define tap_diag(...) (printf("# "), printf(__VA_ARGS__), printf("\n"))

#endif /* _ELFK_TAP_H */
