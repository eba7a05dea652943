// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl: a minimal streaming JSON writer for standard output.
 *
 * Each command writes exactly one JSON document (a batch, one per
 * command); this writer only tracks where commas, and with jw_pretty
 * newlines, go.  Nesting deeper than JW_MAX_DEPTH is a bug.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <assert.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "json.h"

#define JW_MAX_DEPTH 8

static unsigned int jw_depth;
static bool jw_first[JW_MAX_DEPTH];
static bool jw_after_key;

/* --pretty: one member per line, indented by four spaces per level. */
bool jw_pretty;

static void jw_newline(unsigned int depth)
{
	if (jw_pretty)
		printf("\n%*s", 4 * depth, "");
}

/* Emit the separator a new value needs at the current position. */
static void jw_value_begin(void)
{
	if (jw_after_key) {
		jw_after_key = false;
		return;
	}
	if (jw_depth && !jw_first[jw_depth - 1])
		putchar(',');
	if (jw_depth) {
		jw_first[jw_depth - 1] = false;
		jw_newline(jw_depth);
	}
}

static void jw_open(char c)
{
	jw_value_begin();
	assert(jw_depth < JW_MAX_DEPTH);
	putchar(c);
	jw_first[jw_depth++] = true;
}

static void jw_close(char c)
{
	assert(jw_depth);
	jw_depth--;
	/* An empty object or array stays on one line: {} or []. */
	if (!jw_first[jw_depth])
		jw_newline(jw_depth);
	putchar(c);
}

void jw_start_object(void)
{
	jw_open('{');
}

void jw_end_object(void)
{
	jw_close('}');
}

void jw_start_array(void)
{
	jw_open('[');
}

void jw_end_array(void)
{
	jw_close(']');
}

static void jw_quote(const char *s, size_t len)
{
	size_t i;

	putchar('"');
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		switch (c) {
		case '"':
			fputs("\\\"", stdout);
			break;
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		default:
			/*
			 * Control characters are escaped; other bytes are
			 * copied, so invalid UTF-8 from the kernel or a called
			 * function passes through unchanged.
			 */
			if (c < 0x20 || c == 0x7f)
				printf("\\u%04x", c);
			else
				putchar(c);
		}
	}
	putchar('"');
}

void jw_key(const char *key)
{
	jw_value_begin();
	jw_quote(key, strlen(key));
	putchar(':');
	if (jw_pretty)
		putchar(' ');
	jw_after_key = true;
}

void jw_string_len(const char *s, size_t len)
{
	jw_value_begin();
	jw_quote(s, len);
}

void jw_string(const char *s)
{
	jw_string_len(s, strlen(s));
}

void jw_hex(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	size_t i;

	jw_value_begin();
	putchar('"');
	for (i = 0; i < len; i++)
		printf("%02x", p[i]);
	putchar('"');
}

void jw_u64(uint64_t v)
{
	jw_value_begin();
	printf("%" PRIu64, v);
}

void jw_s64(int64_t v)
{
	jw_value_begin();
	printf("%" PRId64, v);
}

void jw_null(void)
{
	jw_value_begin();
	fputs("null", stdout);
}

void jw_bool(bool v)
{
	jw_value_begin();
	fputs(v ? "true" : "false", stdout);
}

/* Finish the document: every object and array must be closed by now. */
void jw_end_document(void)
{
	assert(!jw_depth);
	putchar('\n');
}
