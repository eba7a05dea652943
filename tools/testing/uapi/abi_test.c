// SPDX-License-Identifier: GPL-2.0
/*
 * ABI test of uapi/linux/elfk.h, printing TAP: every struct's size, every
 * field's offset and size against the frozen numbers of abi_layout.h; no
 * implicit padding (the members' sizes add up to sizeof); every ioctl
 * argument starts with __u32 size, __u32 flags; ioctl numbers distinct.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <linux/elfk.h>

#include "abi_layout.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int test_nr, test_failed;

static void ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++test_nr);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		test_failed++;
}

struct abi_struct {
	const char *name;
	size_t size, expect;
	int ioctl_arg;
	int starts_size_flags; /* size at 0 and flags at 4, both __u32 */
};

struct abi_field {
	const char *s, *f;
	size_t off, size, expect_off, expect_size;
};

#define IS_U32(x) _Generic((x), __u32 : 1, default : 0)

#define S(s, sz, ioc) \
	{ #s, sizeof(struct s), sz, ioc, ELFK_ABI_STARTS_SIZE_FLAGS(s, ioc) },
/* Only ioctl arguments have size and flags members. */
#define ELFK_ABI_STARTS_SIZE_FLAGS(s, ioc) ELFK_ABI_SF_##ioc(s)
#define ELFK_ABI_SF_0(s) 0
#define ELFK_ABI_SF_1(s)                                                    \
	(offsetof(struct s, size) == 0 && offsetof(struct s, flags) == 4 && \
	 IS_U32(((struct s *)0)->size) && IS_U32(((struct s *)0)->flags))

static const struct abi_struct structs[] = { ELFK_ABI_STRUCTS(S) };
#undef S

#define F(s, f, o, sz) \
	{ #s, #f, offsetof(struct s, f), sizeof(((struct s *)0)->f), o, sz },
static const struct abi_field fields[] = { ELFK_ABI_FIELDS(F) };
#undef F

#define I(ioc, v) { #ioc, ioc, v },
static const struct {
	const char *name;
	unsigned long nr, expect;
} ioctls[] = { ELFK_ABI_IOCTLS(I) };
#undef I

#define C(c, v) { #c, c, v },
static const struct {
	const char *name;
	unsigned long long value, expect;
} consts[] = { ELFK_ABI_CONSTS(C) };
#undef C

int main(void)
{
	size_t i, j, sum;

	for (i = 0; i < ARRAY_SIZE(structs); i++)
		ok(structs[i].size == structs[i].expect,
		   "sizeof(struct %s) == %zu (is %zu)", structs[i].name,
		   structs[i].expect, structs[i].size);

	for (i = 0; i < ARRAY_SIZE(fields); i++)
		ok(fields[i].off == fields[i].expect_off &&
			   fields[i].size == fields[i].expect_size,
		   "%s.%s at %zu, %zu bytes (is at %zu, %zu bytes)",
		   fields[i].s, fields[i].f, fields[i].expect_off,
		   fields[i].expect_size, fields[i].off, fields[i].size);

	/*
	 * No implicit padding: the table lists every field, so their sizes
	 * must add up to sizeof, and each must start where the last ended.
	 */
	for (i = 0; i < ARRAY_SIZE(structs); i++) {
		size_t end = 0;
		int contiguous = 1;

		sum = 0;
		for (j = 0; j < ARRAY_SIZE(fields); j++) {
			if (strcmp(fields[j].s, structs[i].name))
				continue;
			if (fields[j].off != end)
				contiguous = 0;
			end = fields[j].off + fields[j].size;
			sum += fields[j].size;
		}
		ok(sum == structs[i].size && contiguous,
		   "struct %s: members add up to sizeof, no hole (%zu of %zu)",
		   structs[i].name, sum, structs[i].size);
		ok(structs[i].size % 8 == 0,
		   "struct %s: size %zu is a multiple of 8 (no tail padding "
		   "differs between 32 and 64 bits)",
		   structs[i].name, structs[i].size);
	}

	for (i = 0; i < ARRAY_SIZE(structs); i++)
		if (structs[i].ioctl_arg)
			ok(structs[i].starts_size_flags,
			   "struct %s starts with __u32 size, __u32 flags",
			   structs[i].name);

	for (i = 0; i < ARRAY_SIZE(ioctls); i++)
		ok(ioctls[i].nr == ioctls[i].expect, "%s == %#lx (is %#lx)",
		   ioctls[i].name, ioctls[i].expect, ioctls[i].nr);
	for (i = 0; i < ARRAY_SIZE(ioctls); i++) {
		int distinct = 1;

		for (j = 0; j < ARRAY_SIZE(ioctls); j++)
			if (i != j && ioctls[i].nr == ioctls[j].nr)
				distinct = 0;
		ok(distinct && _IOC_TYPE(ioctls[i].nr) == ELFK_IOC_TYPE,
		   "%s is distinct and of type %#x", ioctls[i].name,
		   ELFK_IOC_TYPE);
	}

	for (i = 0; i < ARRAY_SIZE(consts); i++)
		ok(consts[i].value == consts[i].expect, "%s == %llu (is %llu)",
		   consts[i].name, consts[i].expect, consts[i].value);

	ok(ARRAY_SIZE(((struct elfk_call *)0)->args) == ELFK_CALL_MAX_ARGS &&
		   sizeof(((struct elfk_info *)0)->name) == ELFK_NAME_LEN &&
		   sizeof(((struct elfk_info *)0)->soname) == ELFK_NAME_LEN,
	   "array fields are sized by ELFK_CALL_MAX_ARGS and ELFK_NAME_LEN");

	printf("1..%d\n", test_nr);
	printf("%d passed, %d failed\n", test_nr - test_failed, test_failed);
	return test_failed ? 1 : 0;
}
