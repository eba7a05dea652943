// SPDX-License-Identifier: GPL-2.0
/* Placeholder replaced below. */
#include "tap.h"
#include "tests.h"

void test_plugins(const char *dir)
{
}
