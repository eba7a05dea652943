# expect: ok
/* F2, C5: a counted loop whose back edge is guarded by a fuel bundle */
	.include "sandbox.inc"
	mov $100, %ecx
	xor %eax, %eax
1:	FUEL
	.balign 32, 0x90
2:	add %ecx, %eax
	dec %ecx
	jz 3f
	BACK jmp, 2b
3:	BACK jmp, 1b
	END
