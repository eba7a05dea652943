// SPDX-License-Identifier: GPL-2.0
/*
 * The caller's log buffer.
 *
 * Works like the BPF verifier log: messages are appended while they fit,
 * the total length they need is always counted, and the caller learns from
 * elfk_log_truncated() that its buffer was too small.  The buffer is always
 * NUL terminated.
 */
#include "core.h"

void elfk_log_init(struct elfk_log *log, char *buf, u32 size, u32 level)
{
	log->buf = buf;
	log->size = buf ? size : 0;
	log->level = buf && size ? level : 0;
	log->len_total = 0;
	if (log->size)
		buf[0] = '\0';
}
EXPORT_SYMBOL_IF_KUNIT(elfk_log_init);

void elfk_log_printf(struct elfk_log *log, u32 level, const char *fmt, ...)
{
	va_list args;
	u64 used;
	int n;

	if (!log || level > log->level)
		return;

	used = min_t(u64, log->len_total, log->size - 1);
	va_start(args, fmt);
	n = vsnprintf(log->buf + used, log->size - used, fmt, args);
	va_end(args);
	if (n > 0)
		log->len_total += n;
	/* A truncated message must not leave a half line that looks whole. */
	if (log->len_total >= log->size)
		log->buf[log->size - 1] = '\0';
}

bool elfk_log_truncated(const struct elfk_log *log)
{
	return log->level && log->len_total >= log->size;
}

u32 elfk_log_true_size(const struct elfk_log *log)
{
	if (!log->level)
		return 0;
	return min_t(u64, log->len_total + 1, U32_MAX);
}
