/* Fuzz the ICD-10-CM order addenda reader, applied to a fixed base. */
#include <stdint.h>

#include "fuzz_csb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] =
    "00001 A000    1 Cholera                                                      Cholera\r\n"
    "00002 M722    1 Plantar fascial fibromatosis                                 Plantar\r\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_csb_source("icd10cm-addenda", data, size, "icd10cm-order",
	    base, "M722", 20261001);
}
