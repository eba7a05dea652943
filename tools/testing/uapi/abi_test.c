// SPDX-License-Identifier: GPL-2.0
/*
 * ABI test of uapi/linux/elfk.h, printing TAP: every struct's size, every
 * field's offset and size against the frozen numbers of abi_layout.h; no
 * implicit padding (the members' sizes add up to sizeof); every ioctl
 * argument starts with __u32 size, __u32 flags; ioctl numbers distinct.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/elfk.h>

#include "abi_layout.h"
#include "../host/tap.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int tap_failed, tap_count;

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

struct abi_ioctl {
	const char *name;
	unsigned long nr, expect;
};

struct abi_const {
	const char *name;
	unsigned long long value, expect;
};

/* The rows of abi_layout.h, filled by fill_tables(). */
static struct abi_struct structs[16];
static struct abi_field fields[128];
static struct abi_ioctl ioctls[16];
static struct abi_const consts[32];
static size_t nr_structs, nr_fields, nr_ioctls, nr_consts;

static void table_full(const char *kind)
{
	fprintf(stderr, "abi_test: too many %s rows, enlarge the table\n",
		kind);
	exit(2);
}

static void add_struct(const char *name, size_t size, size_t expect,
		       int ioctl_arg, int starts_size_flags)
{
	struct abi_struct *st;

	if (nr_structs == ARRAY_SIZE(structs))
		table_full("ELFK_ABI_STRUCT");
	st = &structs[nr_structs++];
	st->name = name;
	st->size = size;
	st->expect = expect;
	st->ioctl_arg = ioctl_arg;
	st->starts_size_flags = starts_size_flags;
}

static void add_field(const char *s, const char *f, size_t off,
		      size_t expect_off, size_t expect_size)
{
	struct abi_field *fl;

	if (nr_fields == ARRAY_SIZE(fields))
		table_full("ELFK_ABI_FIELD");
	fl = &fields[nr_fields++];
	fl->s = s;
	fl->f = f;
	fl->off = off;
	fl->expect_off = expect_off;
	fl->expect_size = expect_size;
}

/* The size of a field add_field() has listed. */
static void set_field_size(const char *s, const char *f, size_t size)
{
	size_t i;

	for (i = 0; i < nr_fields; i++) {
		if (!strcmp(fields[i].s, s) && !strcmp(fields[i].f, f)) {
			fields[i].size = size;
			return;
		}
	}
	fprintf(stderr, "abi_test: no field %s.%s\n", s, f);
	exit(2);
}

static void add_ioctl(const char *name, unsigned long nr, unsigned long expect)
{
	struct abi_ioctl *io;

	if (nr_ioctls == ARRAY_SIZE(ioctls))
		table_full("ELFK_ABI_IOCTL");
	io = &ioctls[nr_ioctls++];
	io->name = name;
	io->nr = nr;
	io->expect = expect;
}

static void add_const(const char *name, unsigned long long value,
		      unsigned long long expect)
{
	struct abi_const *co;

	if (nr_consts == ARRAY_SIZE(consts))
		table_full("ELFK_ABI_CONST");
	co = &consts[nr_consts++];
	co->name = name;
	co->value = value;
	co->expect = expect;
}

#define IS_U32(x) _Generic((x), __u32 : 1, default : 0)

/* Only ioctl arguments have size and flags members. */
#define ELFK_ABI_SF_0(type) 0
#define ELFK_ABI_SF_1(type)                   \
	(offsetof(struct type, size) == 0 &&  \
	 offsetof(struct type, flags) == 4 && \
	 IS_U32(((struct type *)0)->size) &&  \
	 IS_U32(((struct type *)0)->flags))

/*
 * The rows of abi_layout.h with the values the compiler computes beside
 * the frozen ones.  Every field's size comes in a second pass over the
 * fields, so that each row macro names the member once.
 */
static void fill_tables(void)
{
#define ELFK_ABI_STRUCT(type, size, ioc)                  \
	add_struct(#type, sizeof(struct type), size, ioc, \
		   ELFK_ABI_SF_##ioc(type))
#define ELFK_ABI_FIELD(type, member, off, size) \
	add_field(#type, #member, offsetof(struct type, member), off, size)
#define ELFK_ABI_IOCTL(ioc, v) add_ioctl(#ioc, ioc, v)
#define ELFK_ABI_CONST(c, v) add_const(#c, c, v)
#include "abi_layout.h"
#undef ELFK_ABI_STRUCT
#undef ELFK_ABI_FIELD
#undef ELFK_ABI_IOCTL
#undef ELFK_ABI_CONST

#define ELFK_ABI_FIELD(type, member, off, size) \
	set_field_size(#type, #member, sizeof(((struct type){}).member))
#include "abi_layout.h"
#undef ELFK_ABI_FIELD
}

int main(void)
{
	size_t i, j, sum;

	fill_tables();

	for (i = 0; i < nr_structs; i++)
		tap(structs[i].size == structs[i].expect,
		    "sizeof(struct %s) == %zu (is %zu)", structs[i].name,
		    structs[i].expect, structs[i].size);

	for (i = 0; i < nr_fields; i++)
		tap(fields[i].off == fields[i].expect_off &&
		    fields[i].size == fields[i].expect_size,
		    "%s.%s at %zu, %zu bytes (is at %zu, %zu bytes)",
		    fields[i].s, fields[i].f, fields[i].expect_off,
		    fields[i].expect_size, fields[i].off, fields[i].size);

	/*
	 * No implicit padding: the table lists every field, so their sizes
	 * must add up to sizeof, and each must start where the last ended.
	 */
	for (i = 0; i < nr_structs; i++) {
		size_t end = 0;
		int contiguous = 1;

		sum = 0;
		for (j = 0; j < nr_fields; j++) {
			if (strcmp(fields[j].s, structs[i].name))
				continue;
			if (fields[j].off != end)
				contiguous = 0;
			end = fields[j].off + fields[j].size;
			sum += fields[j].size;
		}
		tap(sum == structs[i].size && contiguous,
		    "struct %s: members add up to sizeof, no hole (%zu of %zu)",
		    structs[i].name, sum, structs[i].size);
		tap(structs[i].size % 8 == 0,
		    "struct %s: size %zu is a multiple of 8 (no tail padding differs between 32 and 64 bits)",
		    structs[i].name, structs[i].size);
	}

	for (i = 0; i < nr_structs; i++)
		if (structs[i].ioctl_arg)
			tap(structs[i].starts_size_flags,
			    "struct %s starts with __u32 size, __u32 flags",
			    structs[i].name);

	for (i = 0; i < nr_ioctls; i++)
		tap(ioctls[i].nr == ioctls[i].expect, "%s == %#lx (is %#lx)",
		    ioctls[i].name, ioctls[i].expect, ioctls[i].nr);
	for (i = 0; i < nr_ioctls; i++) {
		int distinct = 1;

		for (j = 0; j < nr_ioctls; j++)
			if (i != j && ioctls[i].nr == ioctls[j].nr)
				distinct = 0;
		tap(distinct && _IOC_TYPE(ioctls[i].nr) == ELFK_IOC_TYPE,
		    "%s is distinct and of type %#x", ioctls[i].name,
		    ELFK_IOC_TYPE);
	}

	for (i = 0; i < nr_consts; i++)
		tap(consts[i].value == consts[i].expect, "%s == %llu (is %llu)",
		    consts[i].name, consts[i].expect, consts[i].value);

	tap(ARRAY_SIZE(((struct elfk_call *)0)->args) == ELFK_CALL_MAX_ARGS &&
	    sizeof(((struct elfk_info *)0)->name) == ELFK_NAME_LEN &&
	    sizeof(((struct elfk_info *)0)->soname) == ELFK_NAME_LEN,
	    "array fields are sized by ELFK_CALL_MAX_ARGS and ELFK_NAME_LEN");

	printf("1..%d\n", tap_count);
	printf("%d passed, %d failed\n", tap_count - tap_failed, tap_failed);
	return tap_failed ? 1 : 0;
}
