/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elfk-ctl: a minimal streaming JSON writer for standard output.
 *
 * Copyright (C) 2026 The elfk authors
 */
#ifndef _ELFK_CTL_JSON_H
#define _ELFK_CTL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern bool jw_pretty;

void jw_start_object(void);
void jw_end_object(void);
void jw_start_array(void);
void jw_end_array(void);
void jw_key(const char *key);
void jw_string(const char *s);
void jw_string_len(const char *s, size_t len);
void jw_hex(const void *buf, size_t len);
void jw_u64(uint64_t v);
void jw_s64(int64_t v);
void jw_null(void);
void jw_bool(bool v);
void jw_end_document(void);

#endif /* _ELFK_CTL_JSON_H */
