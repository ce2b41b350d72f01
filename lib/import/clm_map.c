#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clm_837p.h"
#include "clm_io.h"
#include "clm_map.h"
#include "clm_record.h"

#define MAX_MAP_BYTES (1024 * 1024)

/*
 * Built-in synonyms, compared by key (see clm_map_key): what practice-
 * management exports call the canonical columns.  Numbered headers
 * ("ICD-10 3", "Dx C", "Mod 2", "Pointer 1") are matched by rule below.
 */
static const struct {
	const char *key;
	enum clm_column col;
} synonyms[] = {
	/* claim_id */
	{ "visitid", CLM_COL_CLAIM_ID }, { "visit", CLM_COL_CLAIM_ID },
	{ "visitnumber", CLM_COL_CLAIM_ID }, { "visitno", CLM_COL_CLAIM_ID },
	{ "encounter", CLM_COL_CLAIM_ID },
	{ "encounterid", CLM_COL_CLAIM_ID },
	{ "encounterno", CLM_COL_CLAIM_ID },
	{ "encounternumber", CLM_COL_CLAIM_ID },
	{ "claimno", CLM_COL_CLAIM_ID }, { "claimnumber", CLM_COL_CLAIM_ID },
	{ "claim", CLM_COL_CLAIM_ID }, { "patientaccount", CLM_COL_CLAIM_ID },
	{ "patientaccountnumber", CLM_COL_CLAIM_ID },
	{ "accountnumber", CLM_COL_CLAIM_ID },
	{ "accountno", CLM_COL_CLAIM_ID }, { "acctno", CLM_COL_CLAIM_ID }, { "acct", CLM_COL_CLAIM_ID },
	{ "account", CLM_COL_CLAIM_ID },
	{ "patientcontrolnumber", CLM_COL_CLAIM_ID },
	{ "pcn", CLM_COL_CLAIM_ID }, { "chargeid", CLM_COL_CLAIM_ID },
	{ "ticket", CLM_COL_CLAIM_ID }, { "ticketnumber", CLM_COL_CLAIM_ID },
	{ "superbill", CLM_COL_CLAIM_ID },
	{ "superbillnumber", CLM_COL_CLAIM_ID },
	{ "invoice", CLM_COL_CLAIM_ID },
	{ "invoicenumber", CLM_COL_CLAIM_ID },
	{ "invoiceno", CLM_COL_CLAIM_ID },
	{ "appointmentid", CLM_COL_CLAIM_ID },
	{ "sessionid", CLM_COL_CLAIM_ID },
	/* claim_freq */
	{ "claimfrequency", CLM_COL_CLAIM_FREQ },
	{ "frequencycode", CLM_COL_CLAIM_FREQ },
	{ "claimfrequencycode", CLM_COL_CLAIM_FREQ },
	{ "frequency", CLM_COL_CLAIM_FREQ },
	{ "resubmissioncode", CLM_COL_CLAIM_FREQ },
	{ "claimtype", CLM_COL_CLAIM_FREQ },
	{ "resubmission", CLM_COL_CLAIM_FREQ },
	/* orig_ref */
	{ "originalclaimnumber", CLM_COL_ORIG_REF },
	{ "originalref", CLM_COL_ORIG_REF },
	{ "originalreference", CLM_COL_ORIG_REF },
	{ "payerclaimnumber", CLM_COL_ORIG_REF },
	{ "payerclaimcontrolnumber", CLM_COL_ORIG_REF },
	{ "icn", CLM_COL_ORIG_REF }, { "originalicn", CLM_COL_ORIG_REF },
	{ "originalclaimid", CLM_COL_ORIG_REF },
	/* pos */
	{ "placeofservice", CLM_COL_POS }, { "poscode", CLM_COL_POS },
	{ "placeofservicecode", CLM_COL_POS }, { "facilitypos", CLM_COL_POS },
	/* prior_auth */
	{ "priorauthorization", CLM_COL_PRIOR_AUTH },
	{ "authorization", CLM_COL_PRIOR_AUTH },
	{ "authorizationnumber", CLM_COL_PRIOR_AUTH },
	{ "authno", CLM_COL_PRIOR_AUTH },
	{ "authnumber", CLM_COL_PRIOR_AUTH },
	{ "priorauthorizationnumber", CLM_COL_PRIOR_AUTH },
	{ "preauth", CLM_COL_PRIOR_AUTH },
	/* referral_no */
	{ "referralnumber", CLM_COL_REFERRAL_NO },
	{ "referral", CLM_COL_REFERRAL_NO },
	/* prov_signature */
	{ "providersignature", CLM_COL_PROV_SIGNATURE },
	{ "signatureonfile", CLM_COL_PROV_SIGNATURE },
	{ "providersignatureonfile", CLM_COL_PROV_SIGNATURE },
	/* accept_assign */
	{ "acceptassignment", CLM_COL_ACCEPT_ASSIGN },
	{ "assignment", CLM_COL_ACCEPT_ASSIGN },
	{ "acceptsassignment", CLM_COL_ACCEPT_ASSIGN },
	/* benefits_assign */
	{ "benefitsassignment", CLM_COL_BENEFITS_ASSIGN },
	{ "assignmentofbenefits", CLM_COL_BENEFITS_ASSIGN },
	/* release_info */
	{ "releaseofinformation", CLM_COL_RELEASE_INFO },
	{ "roi", CLM_COL_RELEASE_INFO },
	/* total_charge */
	{ "totalcharges", CLM_COL_TOTAL_CHARGE },
	{ "claimtotal", CLM_COL_TOTAL_CHARGE },
	{ "totalamount", CLM_COL_TOTAL_CHARGE },
	{ "claimcharge", CLM_COL_TOTAL_CHARGE },
	{ "claimamount", CLM_COL_TOTAL_CHARGE },
	{ "totalbilled", CLM_COL_TOTAL_CHARGE },
	{ "totalcharge", CLM_COL_TOTAL_CHARGE },
	/* patient_paid */
	{ "amountpaid", CLM_COL_PATIENT_PAID },
	{ "patientpayment", CLM_COL_PATIENT_PAID },
	{ "copaypaid", CLM_COL_PATIENT_PAID },
	/* onset_date */
	{ "dateofonset", CLM_COL_ONSET_DATE },
	{ "injurydate", CLM_COL_ONSET_DATE },
	{ "dateofinjury", CLM_COL_ONSET_DATE },
	{ "onset", CLM_COL_ONSET_DATE },
	/* accident_cause */
	{ "accidenttype", CLM_COL_ACCIDENT_CAUSE },
	{ "relatedcause", CLM_COL_ACCIDENT_CAUSE },
	/* accident_date */
	{ "accidentdate", CLM_COL_ACCIDENT_DATE },
	{ "dateofaccident", CLM_COL_ACCIDENT_DATE },
	/* accident_state */
	{ "autoaccidentstate", CLM_COL_ACCIDENT_STATE },
	/* claim_note */
	{ "additionalinformation", CLM_COL_CLAIM_NOTE },
	{ "additionalclaiminformation", CLM_COL_CLAIM_NOTE },
	{ "box19", CLM_COL_CLAIM_NOTE },
	/* bill_npi */
	{ "billingnpi", CLM_COL_BILL_NPI },
	{ "billingprovidernpi", CLM_COL_BILL_NPI },
	{ "groupnpi", CLM_COL_BILL_NPI }, { "practicenpi", CLM_COL_BILL_NPI },
	{ "billingproviderid", CLM_COL_BILL_NPI },
	{ "organizationnpi", CLM_COL_BILL_NPI },
	/* bill_name */
	{ "billingprovider", CLM_COL_BILL_NAME },
	{ "billingprovidername", CLM_COL_BILL_NAME },
	{ "billingname", CLM_COL_BILL_NAME },
	{ "practicename", CLM_COL_BILL_NAME },
	{ "organizationname", CLM_COL_BILL_NAME },
	{ "practice", CLM_COL_BILL_NAME },
	/* bill_first */
	{ "billingproviderfirstname", CLM_COL_BILL_FIRST },
	{ "billingfirstname", CLM_COL_BILL_FIRST },
	/* bill_tin */
	{ "taxid", CLM_COL_BILL_TIN }, { "tin", CLM_COL_BILL_TIN },
	{ "ein", CLM_COL_BILL_TIN }, { "federaltaxid", CLM_COL_BILL_TIN },
	{ "taxidnumber", CLM_COL_BILL_TIN },
	{ "billingtaxid", CLM_COL_BILL_TIN },
	{ "billingtin", CLM_COL_BILL_TIN },
	{ "federaltaxidnumber", CLM_COL_BILL_TIN },
	/* bill_taxonomy */
	{ "billingtaxonomy", CLM_COL_BILL_TAXONOMY },
	{ "billingprovidertaxonomy", CLM_COL_BILL_TAXONOMY },
	{ "grouptaxonomy", CLM_COL_BILL_TAXONOMY },
	{ "practicetaxonomy", CLM_COL_BILL_TAXONOMY },
	/* bill_addr1 */
	{ "billingaddress", CLM_COL_BILL_ADDR1 },
	{ "billingaddress1", CLM_COL_BILL_ADDR1 },
	{ "billingprovideraddress", CLM_COL_BILL_ADDR1 },
	{ "billingprovideraddress1", CLM_COL_BILL_ADDR1 },
	{ "practiceaddress", CLM_COL_BILL_ADDR1 },
	{ "practiceaddress1", CLM_COL_BILL_ADDR1 },
	{ "billingstreet", CLM_COL_BILL_ADDR1 },
	/* bill_addr2 */
	{ "billingaddress2", CLM_COL_BILL_ADDR2 },
	{ "billingprovideraddress2", CLM_COL_BILL_ADDR2 },
	{ "practiceaddress2", CLM_COL_BILL_ADDR2 },
	/* bill_city */
	{ "billingcity", CLM_COL_BILL_CITY },
	{ "billingprovidercity", CLM_COL_BILL_CITY },
	{ "practicecity", CLM_COL_BILL_CITY },
	/* bill_state */
	{ "billingstate", CLM_COL_BILL_STATE },
	{ "billingproviderstate", CLM_COL_BILL_STATE },
	{ "practicestate", CLM_COL_BILL_STATE },
	/* bill_zip */
	{ "billingzip", CLM_COL_BILL_ZIP },
	{ "billingzipcode", CLM_COL_BILL_ZIP },
	{ "billingproviderzip", CLM_COL_BILL_ZIP },
	{ "practicezip", CLM_COL_BILL_ZIP },
	{ "billingpostalcode", CLM_COL_BILL_ZIP },
	/* bill_contact */
	{ "billingcontact", CLM_COL_BILL_CONTACT },
	{ "contactname", CLM_COL_BILL_CONTACT },
	/* bill_phone */
	{ "billingphone", CLM_COL_BILL_PHONE },
	{ "billingproviderphone", CLM_COL_BILL_PHONE },
	{ "practicephone", CLM_COL_BILL_PHONE },
	{ "contactphone", CLM_COL_BILL_PHONE },
	/* payer_id */
	{ "payernumber", CLM_COL_PAYER_ID },
	{ "payercode", CLM_COL_PAYER_ID },
	{ "insurancepayerid", CLM_COL_PAYER_ID },
	{ "primarypayerid", CLM_COL_PAYER_ID }, { "cpid", CLM_COL_PAYER_ID },
	{ "electronicpayerid", CLM_COL_PAYER_ID },
	/* payer_name */
	{ "insurance", CLM_COL_PAYER_NAME },
	{ "insurancename", CLM_COL_PAYER_NAME },
	{ "primaryinsurance", CLM_COL_PAYER_NAME },
	{ "insurancecompany", CLM_COL_PAYER_NAME },
	{ "primaryinsurancename", CLM_COL_PAYER_NAME },
	{ "insuranceplan", CLM_COL_PAYER_NAME },
	{ "primarypayer", CLM_COL_PAYER_NAME },
	{ "primarypayername", CLM_COL_PAYER_NAME },
	{ "carrier", CLM_COL_PAYER_NAME },
	{ "carriername", CLM_COL_PAYER_NAME }, { "plan", CLM_COL_PAYER_NAME },
	{ "planname", CLM_COL_PAYER_NAME },
	/* payer_seq */
	{ "payersequence", CLM_COL_PAYER_SEQ },
	{ "payerresponsibility", CLM_COL_PAYER_SEQ },
	{ "responsibility", CLM_COL_PAYER_SEQ },
	{ "insuranceorder", CLM_COL_PAYER_SEQ },
	{ "coverageorder", CLM_COL_PAYER_SEQ },
	{ "payerpriority", CLM_COL_PAYER_SEQ },
	{ "insurancepriority", CLM_COL_PAYER_SEQ },
	/* filing_ind */
	{ "filingindicator", CLM_COL_FILING_IND },
	{ "insurancetypecode", CLM_COL_INS_TYPE },
	{ "msptype", CLM_COL_INS_TYPE },
	{ "medicaresecondarytype", CLM_COL_INS_TYPE },
	{ "claimfilingindicator", CLM_COL_FILING_IND },
	{ "insurancetype", CLM_COL_FILING_IND },
	{ "payertype", CLM_COL_FILING_IND },
	{ "financialclass", CLM_COL_FILING_IND },
	{ "plantype", CLM_COL_FILING_IND },
	/* sub_id */
	{ "memberid", CLM_COL_SUB_ID }, { "subscriberid", CLM_COL_SUB_ID },
	{ "policy", CLM_COL_SUB_ID }, { "policynumber", CLM_COL_SUB_ID },
	{ "policyno", CLM_COL_SUB_ID }, { "insuredid", CLM_COL_SUB_ID },
	{ "insuredidnumber", CLM_COL_SUB_ID },
	{ "subscribernumber", CLM_COL_SUB_ID },
	{ "memberno", CLM_COL_SUB_ID }, { "membernumber", CLM_COL_SUB_ID },
	{ "insuranceid", CLM_COL_SUB_ID },
	{ "primarymemberid", CLM_COL_SUB_ID },
	{ "primarypolicy", CLM_COL_SUB_ID },
	{ "primarypolicynumber", CLM_COL_SUB_ID },
	{ "primaryinsuredid", CLM_COL_SUB_ID },
	{ "insurednumber", CLM_COL_SUB_ID },
	/* sub_last */
	{ "subscriberlastname", CLM_COL_SUB_LAST },
	{ "insuredlastname", CLM_COL_SUB_LAST },
	{ "subscriberlast", CLM_COL_SUB_LAST },
	{ "insuredlast", CLM_COL_SUB_LAST },
	{ "policyholderlastname", CLM_COL_SUB_LAST },
	/* sub_first */
	{ "subscriberfirstname", CLM_COL_SUB_FIRST },
	{ "insuredfirstname", CLM_COL_SUB_FIRST },
	{ "subscriberfirst", CLM_COL_SUB_FIRST },
	{ "insuredfirst", CLM_COL_SUB_FIRST },
	{ "policyholderfirstname", CLM_COL_SUB_FIRST },
	/* sub_middle */
	{ "subscribermiddlename", CLM_COL_SUB_MIDDLE },
	{ "insuredmiddlename", CLM_COL_SUB_MIDDLE },
	{ "subscribermiddleinitial", CLM_COL_SUB_MIDDLE },
	{ "insuredmiddleinitial", CLM_COL_SUB_MIDDLE },
	{ "subscribermi", CLM_COL_SUB_MIDDLE },
	{ "insuredmi", CLM_COL_SUB_MIDDLE },
	/* sub_suffix */
	{ "subscribersuffix", CLM_COL_SUB_SUFFIX },
	{ "insuredsuffix", CLM_COL_SUB_SUFFIX },
	/* sub_dob */
	{ "subscriberdob", CLM_COL_SUB_DOB },
	{ "insureddob", CLM_COL_SUB_DOB },
	{ "subscriberdateofbirth", CLM_COL_SUB_DOB },
	{ "insureddateofbirth", CLM_COL_SUB_DOB },
	{ "subscriberbirthdate", CLM_COL_SUB_DOB },
	{ "insuredbirthdate", CLM_COL_SUB_DOB },
	{ "policyholderdob", CLM_COL_SUB_DOB },
	/* sub_sex */
	{ "subscribersex", CLM_COL_SUB_SEX },
	{ "insuredsex", CLM_COL_SUB_SEX },
	{ "subscribergender", CLM_COL_SUB_SEX },
	{ "insuredgender", CLM_COL_SUB_SEX },
	/* sub_addr1 */
	{ "subscriberaddress", CLM_COL_SUB_ADDR1 },
	{ "subscriberaddress1", CLM_COL_SUB_ADDR1 },
	{ "insuredaddress", CLM_COL_SUB_ADDR1 },
	{ "insuredaddress1", CLM_COL_SUB_ADDR1 },
	{ "subscriberstreet", CLM_COL_SUB_ADDR1 },
	{ "insuredstreet", CLM_COL_SUB_ADDR1 },
	/* sub_addr2 */
	{ "subscriberaddress2", CLM_COL_SUB_ADDR2 },
	{ "insuredaddress2", CLM_COL_SUB_ADDR2 },
	/* sub_city */
	{ "subscribercity", CLM_COL_SUB_CITY },
	{ "insuredcity", CLM_COL_SUB_CITY },
	/* sub_state */
	{ "subscriberstate", CLM_COL_SUB_STATE },
	{ "insuredstate", CLM_COL_SUB_STATE },
	/* sub_zip */
	{ "subscriberzip", CLM_COL_SUB_ZIP },
	{ "insuredzip", CLM_COL_SUB_ZIP },
	{ "subscriberzipcode", CLM_COL_SUB_ZIP },
	{ "insuredzipcode", CLM_COL_SUB_ZIP },
	{ "subscriberpostalcode", CLM_COL_SUB_ZIP },
	/* sub_group */
	{ "groupnumber", CLM_COL_SUB_GROUP }, { "group", CLM_COL_SUB_GROUP },
	{ "groupno", CLM_COL_SUB_GROUP }, { "groupid", CLM_COL_SUB_GROUP },
	{ "policygroup", CLM_COL_SUB_GROUP },
	{ "insuredgroupnumber", CLM_COL_SUB_GROUP },
	{ "subscribergroupnumber", CLM_COL_SUB_GROUP },
	{ "groupnum", CLM_COL_SUB_GROUP },
	/* sub_group_name */
	{ "groupname", CLM_COL_SUB_GROUP_NAME },
	{ "insuredgroupname", CLM_COL_SUB_GROUP_NAME },
	{ "subscribergroupname", CLM_COL_SUB_GROUP_NAME },
	{ "employer", CLM_COL_SUB_GROUP_NAME },
	{ "employername", CLM_COL_SUB_GROUP_NAME },
	/* pat_rel */
	{ "patientrelationship", CLM_COL_PAT_REL },
	{ "relationship", CLM_COL_PAT_REL },
	{ "relationshiptoinsured", CLM_COL_PAT_REL },
	{ "patientrelationshiptoinsured", CLM_COL_PAT_REL },
	{ "relationshiptosubscriber", CLM_COL_PAT_REL },
	{ "reltoinsured", CLM_COL_PAT_REL },
	{ "insuredrelationship", CLM_COL_PAT_REL },
	{ "patientrelationshiptosubscriber", CLM_COL_PAT_REL },
	/* pat_last */
	{ "patientlastname", CLM_COL_PAT_LAST },
	{ "patientlast", CLM_COL_PAT_LAST }, { "lastname", CLM_COL_PAT_LAST },
	/* pat_first */
	{ "patientfirstname", CLM_COL_PAT_FIRST },
	{ "patientfirst", CLM_COL_PAT_FIRST },
	{ "firstname", CLM_COL_PAT_FIRST },
	/* pat_middle */
	{ "patientmiddlename", CLM_COL_PAT_MIDDLE },
	{ "patientmiddleinitial", CLM_COL_PAT_MIDDLE },
	{ "patientmi", CLM_COL_PAT_MIDDLE },
	{ "middlename", CLM_COL_PAT_MIDDLE },
	{ "middleinitial", CLM_COL_PAT_MIDDLE },
	/* pat_suffix */
	{ "patientsuffix", CLM_COL_PAT_SUFFIX },
	{ "suffix", CLM_COL_PAT_SUFFIX },
	/* pat_dob */
	{ "patientdob", CLM_COL_PAT_DOB }, { "dateofbirth", CLM_COL_PAT_DOB },
	{ "dob", CLM_COL_PAT_DOB }, { "patientdateofbirth", CLM_COL_PAT_DOB },
	{ "birthdate", CLM_COL_PAT_DOB },
	{ "patientbirthdate", CLM_COL_PAT_DOB },
	/* pat_sex */
	{ "patientsex", CLM_COL_PAT_SEX }, { "sex", CLM_COL_PAT_SEX },
	{ "gender", CLM_COL_PAT_SEX }, { "patientgender", CLM_COL_PAT_SEX },
	/* pat_addr1 */
	{ "patientaddress", CLM_COL_PAT_ADDR1 },
	{ "patientaddress1", CLM_COL_PAT_ADDR1 },
	{ "address", CLM_COL_PAT_ADDR1 }, { "address1", CLM_COL_PAT_ADDR1 },
	{ "patientstreet", CLM_COL_PAT_ADDR1 },
	{ "street", CLM_COL_PAT_ADDR1 },
	/* pat_addr2 */
	{ "patientaddress2", CLM_COL_PAT_ADDR2 },
	{ "address2", CLM_COL_PAT_ADDR2 },
	/* pat_city */
	{ "patientcity", CLM_COL_PAT_CITY }, { "city", CLM_COL_PAT_CITY },
	/* pat_state */
	{ "patientstate", CLM_COL_PAT_STATE }, { "state", CLM_COL_PAT_STATE },
	/* pat_zip */
	{ "patientzip", CLM_COL_PAT_ZIP },
	{ "patientzipcode", CLM_COL_PAT_ZIP }, { "zip", CLM_COL_PAT_ZIP },
	{ "zipcode", CLM_COL_PAT_ZIP }, { "postalcode", CLM_COL_PAT_ZIP },
	{ "patientpostalcode", CLM_COL_PAT_ZIP },
	/* ref_npi */
	{ "referringnpi", CLM_COL_REF_NPI },
	{ "referringprovidernpi", CLM_COL_REF_NPI },
	{ "referringphysiciannpi", CLM_COL_REF_NPI },
	{ "orderingnpi", CLM_COL_REF_NPI },
	{ "orderingprovidernpi", CLM_COL_REF_NPI },
	/* ref_last */
	{ "referringproviderlastname", CLM_COL_REF_LAST },
	{ "referringlastname", CLM_COL_REF_LAST },
	/* ref_first */
	{ "referringproviderfirstname", CLM_COL_REF_FIRST },
	{ "referringfirstname", CLM_COL_REF_FIRST },
	/* rend_npi */
	{ "renderingnpi", CLM_COL_REND_NPI },
	{ "providernpi", CLM_COL_REND_NPI },
	{ "renderingprovidernpi", CLM_COL_REND_NPI },
	{ "cliniciannpi", CLM_COL_REND_NPI },
	{ "therapistnpi", CLM_COL_REND_NPI },
	{ "physiciannpi", CLM_COL_REND_NPI },
	{ "doctornpi", CLM_COL_REND_NPI },
	{ "attendingnpi", CLM_COL_REND_NPI }, { "npi", CLM_COL_REND_NPI },
	/* rend_last */
	{ "renderingproviderlastname", CLM_COL_REND_LAST },
	{ "renderinglastname", CLM_COL_REND_LAST },
	{ "providerlastname", CLM_COL_REND_LAST },
	{ "clinicianlastname", CLM_COL_REND_LAST },
	{ "therapistlastname", CLM_COL_REND_LAST },
	/* rend_first */
	{ "renderingproviderfirstname", CLM_COL_REND_FIRST },
	{ "renderingfirstname", CLM_COL_REND_FIRST },
	{ "providerfirstname", CLM_COL_REND_FIRST },
	{ "clinicianfirstname", CLM_COL_REND_FIRST },
	{ "therapistfirstname", CLM_COL_REND_FIRST },
	/* rend_taxonomy */
	{ "renderingtaxonomy", CLM_COL_REND_TAXONOMY },
	{ "renderingprovidertaxonomy", CLM_COL_REND_TAXONOMY },
	{ "providertaxonomy", CLM_COL_REND_TAXONOMY },
	{ "taxonomy", CLM_COL_REND_TAXONOMY },
	{ "taxonomycode", CLM_COL_REND_TAXONOMY },
	{ "cliniciantaxonomy", CLM_COL_REND_TAXONOMY },
	/* fac_npi */
	{ "facilitynpi", CLM_COL_FAC_NPI },
	{ "servicefacilitynpi", CLM_COL_FAC_NPI },
	{ "locationnpi", CLM_COL_FAC_NPI },
	/* fac_name */
	{ "facility", CLM_COL_FAC_NAME },
	{ "facilityname", CLM_COL_FAC_NAME },
	{ "servicefacility", CLM_COL_FAC_NAME },
	{ "servicefacilityname", CLM_COL_FAC_NAME },
	{ "location", CLM_COL_FAC_NAME },
	{ "locationname", CLM_COL_FAC_NAME },
	{ "servicelocation", CLM_COL_FAC_NAME },
	/* fac_addr1 */
	{ "facilityaddress", CLM_COL_FAC_ADDR1 },
	{ "facilityaddress1", CLM_COL_FAC_ADDR1 },
	{ "servicefacilityaddress", CLM_COL_FAC_ADDR1 },
	{ "locationaddress", CLM_COL_FAC_ADDR1 },
	/* fac_addr2 */
	{ "facilityaddress2", CLM_COL_FAC_ADDR2 },
	{ "servicefacilityaddress2", CLM_COL_FAC_ADDR2 },
	{ "locationaddress2", CLM_COL_FAC_ADDR2 },
	/* fac_city */
	{ "facilitycity", CLM_COL_FAC_CITY },
	{ "servicefacilitycity", CLM_COL_FAC_CITY },
	{ "locationcity", CLM_COL_FAC_CITY },
	/* fac_state */
	{ "facilitystate", CLM_COL_FAC_STATE },
	{ "servicefacilitystate", CLM_COL_FAC_STATE },
	{ "locationstate", CLM_COL_FAC_STATE },
	/* fac_zip */
	{ "facilityzip", CLM_COL_FAC_ZIP },
	{ "facilityzipcode", CLM_COL_FAC_ZIP },
	{ "servicefacilityzip", CLM_COL_FAC_ZIP },
	{ "locationzip", CLM_COL_FAC_ZIP },
	/* oth_payer_seq */
	{ "secondarypayersequence", CLM_COL_OTH_PAYER_SEQ },
	{ "otherpayersequence", CLM_COL_OTH_PAYER_SEQ },
	{ "otherpayerresponsibility", CLM_COL_OTH_PAYER_SEQ },
	/* oth_payer_id */
	{ "secondarypayerid", CLM_COL_OTH_PAYER_ID },
	{ "otherpayerid", CLM_COL_OTH_PAYER_ID },
	{ "secondaryinsuranceid", CLM_COL_OTH_PAYER_ID },
	/* oth_payer_name */
	{ "secondarypayername", CLM_COL_OTH_PAYER_NAME },
	{ "otherpayername", CLM_COL_OTH_PAYER_NAME },
	{ "secondaryinsurance", CLM_COL_OTH_PAYER_NAME },
	{ "secondaryinsurancename", CLM_COL_OTH_PAYER_NAME },
	/* oth_filing_ind */
	{ "secondaryfilingindicator", CLM_COL_OTH_FILING_IND },
	{ "otherfilingindicator", CLM_COL_OTH_FILING_IND },
	/* oth_sub_rel */
	{ "secondaryrelationship", CLM_COL_OTH_SUB_REL },
	{ "otherrelationship", CLM_COL_OTH_SUB_REL },
	/* oth_sub_id */
	{ "secondarymemberid", CLM_COL_OTH_SUB_ID },
	{ "secondarypolicynumber", CLM_COL_OTH_SUB_ID },
	{ "secondaryinsuredid", CLM_COL_OTH_SUB_ID },
	{ "othermemberid", CLM_COL_OTH_SUB_ID },
	{ "othersubscriberid", CLM_COL_OTH_SUB_ID },
	{ "secondarysubscriberid", CLM_COL_OTH_SUB_ID },
	/* oth_sub_last */
	{ "secondaryinsuredlastname", CLM_COL_OTH_SUB_LAST },
	{ "secondarysubscriberlastname", CLM_COL_OTH_SUB_LAST },
	{ "othersubscriberlastname", CLM_COL_OTH_SUB_LAST },
	/* oth_sub_first */
	{ "secondaryinsuredfirstname", CLM_COL_OTH_SUB_FIRST },
	{ "secondarysubscriberfirstname", CLM_COL_OTH_SUB_FIRST },
	{ "othersubscriberfirstname", CLM_COL_OTH_SUB_FIRST },
	/* oth_paid */
	{ "otherpayerpaid", CLM_COL_OTH_PAID },
	{ "primarypaid", CLM_COL_OTH_PAID },
	{ "primarypaidamount", CLM_COL_OTH_PAID },
	{ "priorpayerpaid", CLM_COL_OTH_PAID },
	{ "secondarypaid", CLM_COL_OTH_PAID },
	{ "otherpaid", CLM_COL_OTH_PAID },
	/* oth_adj */
	{ "otherpayeradjustments", CLM_COL_OTH_ADJ },
	{ "claimadjustments", CLM_COL_OTH_ADJ },
	/* oth_paid_date */
	{ "primarypaiddate", CLM_COL_OTH_PAID_DATE },
	{ "otherpayerpaiddate", CLM_COL_OTH_PAID_DATE },
	{ "adjudicationdate", CLM_COL_OTH_PAID_DATE },
	{ "primaryadjudicationdate", CLM_COL_OTH_PAID_DATE },
	/* line_no */
	{ "linenumber", CLM_COL_LINE_NO }, { "line", CLM_COL_LINE_NO },
	{ "lineitem", CLM_COL_LINE_NO },
	{ "servicelinenumber", CLM_COL_LINE_NO },
	{ "chargeline", CLM_COL_LINE_NO },
	{ "chargelinenumber", CLM_COL_LINE_NO },
	{ "itemnumber", CLM_COL_LINE_NO },
	/* dos_from */
	{ "dos", CLM_COL_DOS_FROM }, { "dateofservice", CLM_COL_DOS_FROM },
	{ "servicedate", CLM_COL_DOS_FROM }, { "fromdate", CLM_COL_DOS_FROM },
	{ "servicefromdate", CLM_COL_DOS_FROM },
	{ "datefrom", CLM_COL_DOS_FROM }, { "startdate", CLM_COL_DOS_FROM },
	{ "fromdos", CLM_COL_DOS_FROM }, { "visitdate", CLM_COL_DOS_FROM },
	{ "appointmentdate", CLM_COL_DOS_FROM },
	{ "sessiondate", CLM_COL_DOS_FROM },
	{ "dateofservicefrom", CLM_COL_DOS_FROM },
	{ "servicefrom", CLM_COL_DOS_FROM }, { "dosfrom", CLM_COL_DOS_FROM },
	{ "servicedatefrom", CLM_COL_DOS_FROM },
	/* dos_to */
	{ "dosthrough", CLM_COL_DOS_TO }, { "todate", CLM_COL_DOS_TO },
	{ "servicetodate", CLM_COL_DOS_TO }, { "dateto", CLM_COL_DOS_TO },
	{ "enddate", CLM_COL_DOS_TO }, { "throughdate", CLM_COL_DOS_TO },
	{ "todos", CLM_COL_DOS_TO }, { "dateofserviceto", CLM_COL_DOS_TO },
	{ "serviceto", CLM_COL_DOS_TO }, { "dosto", CLM_COL_DOS_TO },
	{ "servicedateto", CLM_COL_DOS_TO },
	/* proc */
	{ "cpt", CLM_COL_PROC }, { "cpthcpcs", CLM_COL_PROC },
	{ "procedurecode", CLM_COL_PROC }, { "procedure", CLM_COL_PROC },
	{ "hcpcs", CLM_COL_PROC }, { "cptcode", CLM_COL_PROC },
	{ "hcpcscode", CLM_COL_PROC }, { "proccode", CLM_COL_PROC },
	{ "servicecode", CLM_COL_PROC }, { "cpthcpcscode", CLM_COL_PROC },
	{ "billingcode", CLM_COL_PROC },
	/* mod1 */
	{ "modifier", CLM_COL_MOD1 }, { "modifiers", CLM_COL_MOD1 },
	{ "mod", CLM_COL_MOD1 }, { "mods", CLM_COL_MOD1 },
	{ "modifiercodes", CLM_COL_MOD1 }, { "cptmodifier", CLM_COL_MOD1 },
	{ "cptmodifiers", CLM_COL_MOD1 },
	/* units */
	{ "unit", CLM_COL_UNITS }, { "qty", CLM_COL_UNITS },
	{ "quantity", CLM_COL_UNITS }, { "serviceunits", CLM_COL_UNITS },
	{ "days", CLM_COL_UNITS }, { "daysorunits", CLM_COL_UNITS },
	{ "daysunits", CLM_COL_UNITS },
	/* unit_type */
	{ "unitsmeasurement", CLM_COL_UNIT_TYPE },
	{ "unitofmeasure", CLM_COL_UNIT_TYPE },
	/* charge */
	{ "amount", CLM_COL_CHARGE }, { "charges", CLM_COL_CHARGE },
	{ "fee", CLM_COL_CHARGE }, { "lineamount", CLM_COL_CHARGE },
	{ "linecharge", CLM_COL_CHARGE }, { "chargeamount", CLM_COL_CHARGE },
	{ "billedamount", CLM_COL_CHARGE }, { "billed", CLM_COL_CHARGE },
	{ "amountbilled", CLM_COL_CHARGE }, { "unitcharge", CLM_COL_CHARGE },
	{ "servicecharge", CLM_COL_CHARGE },
	/* dx_ptr */
	{ "diagnosispointer", CLM_COL_DX_PTR },
	{ "dxpointer", CLM_COL_DX_PTR }, { "pointer", CLM_COL_DX_PTR },
	{ "diagpointer", CLM_COL_DX_PTR }, { "icdpointer", CLM_COL_DX_PTR },
	{ "diagnosispointers", CLM_COL_DX_PTR },
	{ "dxpointers", CLM_COL_DX_PTR }, { "pointers", CLM_COL_DX_PTR },
	{ "diagnosisreference", CLM_COL_DX_PTR }, { "dxref", CLM_COL_DX_PTR },
	{ "diagnosisptr", CLM_COL_DX_PTR },
	{ "diagnosispointerindex", CLM_COL_DX_PTR },
	/* line_pos */
	{ "lineplaceofservice", CLM_COL_LINE_POS },
	{ "serviceplaceofservice", CLM_COL_LINE_POS },
	/* ndc */
	{ "ndccode", CLM_COL_NDC }, { "nationaldrugcode", CLM_COL_NDC },
	{ "drugcode", CLM_COL_NDC },
	/* ndc_qty */
	{ "ndcquantity", CLM_COL_NDC_QTY },
	{ "drugquantity", CLM_COL_NDC_QTY }, { "ndcunits", CLM_COL_NDC_QTY },
	/* ndc_unit */
	{ "ndcunitofmeasure", CLM_COL_NDC_UNIT },
	{ "drugunit", CLM_COL_NDC_UNIT }, { "ndcmeasure", CLM_COL_NDC_UNIT },
	/* line_rend_npi */
	{ "linerenderingnpi", CLM_COL_LINE_REND_NPI },
	{ "servicerenderingnpi", CLM_COL_LINE_REND_NPI },
	{ "linerenderinglastname", CLM_COL_LINE_REND_LAST },
	{ "linerenderinglast", CLM_COL_LINE_REND_LAST },
	{ "linerenderingfirstname", CLM_COL_LINE_REND_FIRST },
	{ "linerenderingfirst", CLM_COL_LINE_REND_FIRST },
	/* line_oth_paid */
	{ "lineotherpaid", CLM_COL_LINE_OTH_PAID },
	{ "lineprimarypaid", CLM_COL_LINE_OTH_PAID },
	/* line_oth_units */
	{ "lineotherunits", CLM_COL_LINE_OTH_UNITS },
	/* line_oth_adj */
	{ "lineotherpayeradjustments", CLM_COL_LINE_OTH_ADJ },
	{ "lineadjustments", CLM_COL_LINE_OTH_ADJ },
	/* line_oth_date */
	{ "lineotherpaiddate", CLM_COL_LINE_OTH_DATE },
	{ "lineadjudicationdate", CLM_COL_LINE_OTH_DATE },
	/* line_ctrl */
	{ "linecontrolnumber", CLM_COL_LINE_CTRL },
	{ "lineitemcontrolnumber", CLM_COL_LINE_CTRL },
	/* dx1 */
	{ "diagnosis", CLM_COL_DX1 }, { "diagnoses", CLM_COL_DX1 },
	{ "diagnosiscodes", CLM_COL_DX1 }, { "diagnosiscode", CLM_COL_DX1 },
	{ "icd10", CLM_COL_DX1 }, { "icd10codes", CLM_COL_DX1 },
	{ "icd10cm", CLM_COL_DX1 }, { "icdcodes", CLM_COL_DX1 },
	{ "icd", CLM_COL_DX1 }, { "dx", CLM_COL_DX1 },
	{ "dxcodes", CLM_COL_DX1 }, { "diagnosislist", CLM_COL_DX1 },
	{ "primarydiagnosis", CLM_COL_DX1 },
	{ "principaldiagnosis", CLM_COL_DX1 },
	/* payer_name */
	{ "payer", CLM_COL_PAYER_NAME },
};

/* Prefixes of numbered columns, longest first within each group. */
static const char *const dx_prefixes[] = { "diagnosiscode", "diagnosis",
	"icd10cm", "icd10code", "icd10", "icdcode", "icd", "diagcode", "diag",
	"dxcode", "dx" };
static const char *const mod_prefixes[] = { "cptmodifier", "procmodifier",
	"modifier", "mod" };
static const char *const ptr_prefixes[] = { "diagnosispointer",
	"dxpointer", "diagpointer", "icdpointer", "pointer", "dxptr" };

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct map_rule {
	char *key;
	int col;		/* canonical column, CLM_MAP_IGNORE or _RENAME */
	char *rename;		/* the pass-through name of a _RENAME rule */
};

struct clm_map {
	struct map_rule *rules;
	size_t n, cap;
};

void
clm_map_key(const char *s, char *key, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < size; s++)
		if (isalnum((unsigned char)*s))
			key[n++] = (char)tolower((unsigned char)*s);
	key[n] = '\0';
}

struct clm_map *
clm_map_new(void)
{
	return clm_xcalloc(1, sizeof(struct clm_map));
}

void
clm_map_free(struct clm_map *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->rules[i].key);
		free(m->rules[i].rename);
	}
	free(m->rules);
	free(m);
}

static void
add_rule(struct clm_map *m, const char *key, int col, const char *rename)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->rules = clm_xrealloc(m->rules, m->cap * sizeof(*m->rules));
	}
	m->rules[m->n].key = clm_xstrdup(key);
	m->rules[m->n].col = col;
	m->rules[m->n].rename = rename ? clm_xstrdup(rename) : NULL;
	m->n++;
}

static char *
trim(char *s, char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	return s;
}

static int lookup_canonical(const char *key);
static int lookup_numbered(const char *key);

/* A pass-through name: no delimiter, quote or control character, not a
 * pipeline column; one that reads as a canonical name ("Claim ID",
 * "claimid") is a typo of that name, not a new one. */
static int
check_rename(const char *dst, const char *name, long lineno,
    struct clm_error *err)
{
	char key[256];

	for (const char *p = dst; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == ',' || *p == '"' ||
		    *p == '\t')
			return clm_error_set(err, CLM_EFORMAT, name, lineno,
			    "a pass-through column name cannot hold a comma, "
			    "quote or control character");
	clm_map_key(dst, key, sizeof(key));
	if (key[0] == '\0')
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "expected a canonical column, '-' or a pass-through name");
	if (lookup_canonical(key) >= 0)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "'%.64s' is not a canonical column: write it as %s",
		    dst, clm_column_name(lookup_canonical(key)));
	if (strcmp(dst, "status") == 0 || strcmp(dst, "edits") == 0)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "'%s' is a pipeline column", dst);
	return 0;
}

int
clm_map_load_line(struct clm_map *m, char *line, const char *name,
    long lineno, struct clm_error *err)
{
	char *eq, *src, *dst, *hash, key[256];
	int col;

	/* '#' starts a comment at the start of a line or after the '=', so
	 * that a header such as "Encounter #" can be named */
	line = trim(line, line + strlen(line));
	if (*line == '\0' || *line == '#')
		return 0;
	eq = strchr(line, '=');
	if (eq == NULL)
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "expected 'Source Header = canonical_column'");
	if ((hash = strchr(eq + 1, '#')) != NULL)
		*hash = '\0';
	src = trim(line, eq);
	dst = trim(eq + 1, eq + 1 + strlen(eq + 1));
	col = clm_column_lookup(dst);
	if (col < 0 && strcmp(dst, "-") == 0)
		col = CLM_MAP_IGNORE;
	else if (col < 0 && check_rename(dst, name, lineno, err) < 0)
		return -CLM_EFORMAT;
	else if (col < 0)
		col = CLM_MAP_RENAME;
	clm_map_key(src, key, sizeof(key));
	if (key[0] == '\0')
		return clm_error_set(err, CLM_EFORMAT, name, lineno,
		    "empty source header");
	add_rule(m, key, col, col == CLM_MAP_RENAME ? dst : NULL);
	return 0;
}

int
clm_map_load_text(struct clm_map *m, const char *text, size_t len,
    const char *name, struct clm_error *err)
{
	char *copy = clm_xstrndup(text, len);
	char *line = copy;
	long lineno = 0;
	int rc = 0;

	while (rc == 0 && line != NULL) {
		char *nl = strchr(line, '\n');

		if (nl != NULL)
			*nl = '\0';
		lineno++;
		if (strlen(line) != (size_t)((nl ? nl : copy + len) - line))
			rc = clm_error_set(err, CLM_EFORMAT, name, lineno,
			    "NUL byte in map file");
		else
			rc = clm_map_load_line(m, line, name, lineno, err);
		line = nl ? nl + 1 : NULL;
	}
	free(copy);
	return rc;
}

int
clm_map_read_file(const char *path, char **text, size_t *len,
    struct clm_error *err)
{
	struct clm_in *in = clm_in_open(path, err);
	char *buf;
	long n, total = 0;
	int rc = 0;

	*text = NULL;
	*len = 0;
	if (in == NULL)
		return -CLM_EIO;
	buf = clm_xmalloc(MAX_MAP_BYTES + 1);
	while ((n = clm_in_read(in, buf + total,
	    (size_t)(MAX_MAP_BYTES + 1 - total), err)) > 0)
		total += n;
	if (n < 0)
		rc = (int)n;
	else if (total > MAX_MAP_BYTES)
		rc = clm_error_set(err, CLM_ELIMIT, path, 0,
		    "map file larger than %d bytes", MAX_MAP_BYTES);
	clm_in_close(in);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	buf[total] = '\0';
	*text = buf;
	*len = (size_t)total;
	return 0;
}

int
clm_map_load(struct clm_map *m, const char *path, struct clm_error *err)
{
	char *buf;
	size_t len;
	int rc = clm_map_read_file(path, &buf, &len, err);

	if (rc < 0)
		return rc;
	rc = clm_map_load_text(m, buf, len, path, err);
	free(buf);
	return rc;
}

/* "1".."max" (a leading zero allowed), or a letter a..l when letters. */
static int
suffix_number(const char *s, int max, int letters)
{
	char *end;
	long n;

	if (letters && s[0] >= 'a' && s[0] <= 'l' && s[1] == '\0')
		return s[0] - 'a' + 1;
	if (s[0] < '0' || s[0] > '9')
		return 0;
	n = strtol(s, &end, 10);
	return *end == '\0' && n >= 1 && n <= max ? (int)n : 0;
}

/* Index 1..max of a numbered header with one of the prefixes, or 0. */
static int
numbered(const char *key, const char *const *prefixes, size_t n, int max,
    int letters)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(prefixes[i]);
		int k;

		if (strncmp(key, prefixes[i], len) != 0)
			continue;
		k = suffix_number(key + len, max, letters);
		if (k > 0)
			return k;
	}
	return 0;
}

static int
lookup_numbered(const char *key)
{
	int k;

	if ((k = numbered(key, ptr_prefixes, NELEM(ptr_prefixes),
	    CLM_837P_MAX_PTRS, 0)) > 0)
		return CLM_COL_DX_PTR;
	if ((k = numbered(key, mod_prefixes, NELEM(mod_prefixes),
	    CLM_837P_MAX_MODS, 0)) > 0)
		return CLM_COL_MOD(k);
	if ((k = numbered(key, dx_prefixes, NELEM(dx_prefixes),
	    CLM_837P_MAX_DX, 1)) > 0)
		return CLM_COL_DX(k);
	return -1;
}

static int
lookup_canonical(const char *key)
{
	for (int col = 0; col < CLM_COL_COUNT; col++) {
		char ckey[64];

		clm_map_key(clm_column_name(col), ckey, sizeof(ckey));
		if (strcmp(ckey, key) == 0)
			return col;
	}
	return -1;
}

/*
 * Composition: a header is read as words ("Pt Acct #" -> patient account
 * number), abbreviations spelled out; the spelled-out key is looked up
 * among the synonyms, and failing that a role word (clinic, rendering,
 * client, insured, payer...) with a field word (NPI, last, city, DOB...)
 * names the column ("Clinic NPI" -> bill_npi, "Rendering Last" ->
 * rend_last, "Client DOB" -> pat_dob).
 */
static const struct {
	const char *word, *as;
} abbrevs[] = {
	{ "svc", "service" }, { "serv", "service" }, { "pt", "patient" },
	{ "pat", "patient" }, { "ins", "insurance" }, { "insur", "insurance" },
	{ "prov", "provider" }, { "amt", "amount" }, { "no", "number" },
	{ "num", "number" }, { "nbr", "number" }, { "#", "number" },
	{ "dt", "date" }, { "addr", "address" }, { "ph", "phone" },
	{ "tel", "phone" }, { "fac", "facility" }, { "ref", "referring" },
	{ "rend", "rendering" }, { "subscr", "subscriber" },
	{ "mbr", "member" }, { "bill", "billing" }, { "org", "organization" },
	{ "grp", "group" }, { "acct", "account" }, { "chg", "charge" },
	{ "chrg", "charge" }, { "proc", "procedure" },
	{ "auth", "authorization" }, { "fname", "first name" },
	{ "lname", "last name" }, { "pos", "place of service" },
	{ "pmt", "payment" }, { "qty", "quantity" },
};

enum role { ROLE_NONE, ROLE_BILL, ROLE_REND, ROLE_PAT, ROLE_SUB, ROLE_REF,
	ROLE_FAC, ROLE_PAYER, ROLE_PROVIDER /* weak: rendering if alone */ };

static const struct {
	const char *word;
	enum role role;
} roles[] = {
	{ "clinic", ROLE_BILL }, { "practice", ROLE_BILL },
	{ "group", ROLE_BILL }, { "billing", ROLE_BILL },
	{ "organization", ROLE_BILL }, { "rendering", ROLE_REND },
	{ "clinician", ROLE_REND }, { "therapist", ROLE_REND },
	{ "physician", ROLE_REND }, { "doctor", ROLE_REND },
	{ "provider", ROLE_PROVIDER }, { "patient", ROLE_PAT },
	{ "client", ROLE_PAT }, { "member", ROLE_SUB }, { "insured", ROLE_SUB },
	{ "subscriber", ROLE_SUB }, { "policyholder", ROLE_SUB },
	{ "referring", ROLE_REF }, { "facility", ROLE_FAC },
	{ "location", ROLE_FAC }, { "payer", ROLE_PAYER },
	{ "insurance", ROLE_PAYER }, { "carrier", ROLE_PAYER },
};

enum field { F_NONE, F_NPI, F_NAME, F_LAST, F_FIRST, F_MIDDLE, F_SUFFIX,
	F_ADDR1, F_ADDR2, F_CITY, F_STATE, F_ZIP, F_TIN, F_TAXONOMY, F_DOB,
	F_SEX, F_ID, F_PHONE, F_COUNT };

static const struct {
	const char *key;
	enum field field;
} fields[] = {
	{ "", F_NONE }, { "npi", F_NPI }, { "npinumber", F_NPI },
	{ "name", F_NAME }, { "last", F_LAST }, { "lastname", F_LAST },
	{ "surname", F_LAST }, { "first", F_FIRST }, { "firstname", F_FIRST },
	{ "givenname", F_FIRST }, { "middle", F_MIDDLE },
	{ "middlename", F_MIDDLE }, { "mi", F_MIDDLE },
	{ "middleinitial", F_MIDDLE }, { "suffix", F_SUFFIX },
	{ "address", F_ADDR1 }, { "address1", F_ADDR1 },
	{ "addressline1", F_ADDR1 }, { "street", F_ADDR1 },
	{ "streetaddress", F_ADDR1 }, { "address2", F_ADDR2 },
	{ "addressline2", F_ADDR2 }, { "city", F_CITY }, { "state", F_STATE },
	{ "zip", F_ZIP }, { "zipcode", F_ZIP }, { "postalcode", F_ZIP },
	{ "postcode", F_ZIP }, { "taxid", F_TIN }, { "tin", F_TIN },
	{ "ein", F_TIN }, { "taxidnumber", F_TIN }, { "federaltaxid", F_TIN },
	{ "taxonomy", F_TAXONOMY }, { "taxonomycode", F_TAXONOMY },
	{ "dob", F_DOB }, { "dateofbirth", F_DOB }, { "birthdate", F_DOB },
	{ "birthday", F_DOB }, { "sex", F_SEX }, { "gender", F_SEX },
	{ "id", F_ID }, { "number", F_ID }, { "idnumber", F_ID },
	{ "phone", F_PHONE }, { "phonenumber", F_PHONE },
	{ "telephone", F_PHONE },
};

#define C(x) CLM_COL_##x
#define NO (-1)
/* role x field -> column (NO: no such column; "Patient ID" is not one). */
static const int compose_table[][F_COUNT] = {
	/*           NONE  NPI  NAME  LAST  FIRST MIDDLE SUFFIX ADDR1 ADDR2
	 *           CITY  STATE ZIP  TIN  TAXONOMY DOB  SEX  ID  PHONE */
	[ROLE_BILL] = { C(BILL_NAME), C(BILL_NPI), C(BILL_NAME), C(BILL_NAME),
	    C(BILL_FIRST), NO, NO, C(BILL_ADDR1), C(BILL_ADDR2), C(BILL_CITY),
	    C(BILL_STATE), C(BILL_ZIP), C(BILL_TIN), C(BILL_TAXONOMY), NO, NO,
	    NO, C(BILL_PHONE) },
	[ROLE_REND] = { NO, C(REND_NPI), NO, C(REND_LAST), C(REND_FIRST), NO,
	    NO, NO, NO, NO, NO, NO, NO, C(REND_TAXONOMY), NO, NO, NO, NO },
	[ROLE_PAT] = { NO, NO, NO, C(PAT_LAST), C(PAT_FIRST), C(PAT_MIDDLE),
	    C(PAT_SUFFIX), C(PAT_ADDR1), C(PAT_ADDR2), C(PAT_CITY),
	    C(PAT_STATE), C(PAT_ZIP), NO, NO, C(PAT_DOB), C(PAT_SEX), NO, NO },
	[ROLE_SUB] = { NO, NO, NO, C(SUB_LAST), C(SUB_FIRST), C(SUB_MIDDLE),
	    C(SUB_SUFFIX), C(SUB_ADDR1), C(SUB_ADDR2), C(SUB_CITY),
	    C(SUB_STATE), C(SUB_ZIP), NO, NO, C(SUB_DOB), C(SUB_SEX),
	    C(SUB_ID), NO },
	[ROLE_REF] = { NO, C(REF_NPI), NO, C(REF_LAST), C(REF_FIRST), NO, NO,
	    NO, NO, NO, NO, NO, NO, NO, NO, NO, NO, NO },
	[ROLE_FAC] = { C(FAC_NAME), C(FAC_NPI), C(FAC_NAME), NO, NO, NO, NO,
	    C(FAC_ADDR1), C(FAC_ADDR2), C(FAC_CITY), C(FAC_STATE), C(FAC_ZIP),
	    NO, NO, NO, NO, NO, NO },
	[ROLE_PAYER] = { C(PAYER_NAME), NO, C(PAYER_NAME), NO, NO, NO, NO, NO,
	    NO, NO, NO, NO, NO, NO, NO, NO, C(PAYER_ID), NO },
};
#undef C
#undef NO

#define MAX_WORDS 16

/* Split a header into lower-case words, abbreviations spelled out. */
static size_t
header_words(const char *header, char words[MAX_WORDS][32])
{
	size_t n = 0;
	const char *p = header;

	while (*p != '\0' && n < MAX_WORDS) {
		char w[32];
		size_t len = 0;

		if (*p == '#') {
			snprintf(w, sizeof(w), "#");
			p++;
		} else if (isalnum((unsigned char)*p)) {
			while (isalnum((unsigned char)*p)) {
				if (len + 1 < sizeof(w))
					w[len++] = (char)tolower(
					    (unsigned char)*p);
				p++;
			}
			w[len] = '\0';
		} else {
			p++;
			continue;
		}
		for (size_t i = 0; i < NELEM(abbrevs); i++)
			if (strcmp(w, abbrevs[i].word) == 0) {
				snprintf(w, sizeof(w), "%s", abbrevs[i].as);
				break;
			}
		/* an expansion of several words ("first name") splits */
		for (char *sp = w, *next; sp != NULL && n < MAX_WORDS;
		    sp = next) {
			next = strchr(sp, ' ');
			if (next != NULL)
				*next++ = '\0';
			snprintf(words[n++], 32, "%s", sp);
		}
	}
	return n;
}

static enum role
word_role(const char *w)
{
	for (size_t i = 0; i < NELEM(roles); i++)
		if (strcmp(w, roles[i].word) == 0)
			return roles[i].role;
	return ROLE_NONE;
}

static int
lookup_synonym(const char *key)
{
	for (size_t i = 0; i < NELEM(synonyms); i++)
		if (strcmp(synonyms[i].key, key) == 0)
			return (int)synonyms[i].col;
	return lookup_numbered(key);
}

static void
append(char *buf, size_t size, const char *w)
{
	size_t used = strlen(buf), len = strlen(w);

	if (used + len + 1 > size)
		len = size - used - 1;
	memcpy(buf + used, w, len);
	buf[used + len] = '\0';
}

static int
compose(const char *header)
{
	char words[MAX_WORDS][32], key[256] = "", fkey[256] = "";
	size_t n = header_words(header, words);
	enum role role = ROLE_NONE, weak = ROLE_NONE;
	int col;

	for (size_t i = 0; i < n; i++)
		append(key, sizeof(key), words[i]);
	if ((col = lookup_synonym(key)) >= 0)
		return col;
	for (size_t i = 0; i < n; i++) {
		enum role r = word_role(words[i]);

		/* the last strong role word counts: "Insurance Member ID" is
		 * the member's; "provider" only when no other role is named */
		if (r == ROLE_PROVIDER)
			weak = ROLE_REND;
		else if (r != ROLE_NONE)
			role = r;
		else if (strcmp(words[i], "service") != 0 &&
		    strcmp(words[i], "of") != 0)
			append(fkey, sizeof(fkey), words[i]);
	}
	if (role == ROLE_NONE)
		role = weak;
	if (role == ROLE_NONE)
		return -1;
	for (size_t i = 0; i < NELEM(fields); i++)
		if (strcmp(fields[i].key, fkey) == 0)
			return compose_table[role][fields[i].field];
	return -1;
}

/*
 * Canonical names whose words are an export's words for another column:
 * "Ins Type" holds the claim filing indicator (MB, CI, BL), not the
 * Medicare secondary payer type, so ins_type matches only as written.
 */
static int
loose_canonical(const char *header, const char *key)
{
	int col = lookup_canonical(key);

	if ((col == CLM_COL_INS_TYPE || col == CLM_COL_OTH_INS_TYPE) &&
	    strcasecmp(header, clm_column_name(col)) != 0)
		return -1;
	return col;
}

int
clm_map_resolve(const struct clm_map *m, const char *header,
    enum clm_map_how *how, const char **rename)
{
	char key[256];
	int col;

	clm_map_key(header, key, sizeof(key));
	*rename = NULL;
	*how = CLM_MAP_FILE;
	for (size_t i = m->n; i-- > 0;)
		if (strcmp(m->rules[i].key, key) == 0) {
			*rename = m->rules[i].rename;
			return m->rules[i].col;
		}
	*how = CLM_MAP_CANONICAL;
	if ((col = loose_canonical(header, key)) >= 0)
		return col;
	*how = CLM_MAP_SYNONYM;
	if ((col = lookup_synonym(key)) >= 0)
		return col;
	*how = CLM_MAP_COMPOSED;
	if ((col = compose(header)) >= 0)
		return col;
	*how = CLM_MAP_NONE;
	return -1;
}

int
clm_map_lookup_how(const struct clm_map *m, const char *header,
    enum clm_map_how *how)
{
	const char *rename;
	int col = clm_map_resolve(m, header, how, &rename);

	return col >= 0 ? col : -1;
}

int
clm_map_lookup(const struct clm_map *m, const char *header)
{
	enum clm_map_how how;

	return clm_map_lookup_how(m, header, &how);
}

int
clm_map_name_looks_like_data(const char *name)
{
	size_t run = 0, n = strlen(name);
	int digit = 0;

	if (n > 40 || strchr(name, '@') != NULL)
		return 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)name[i];

		run = isdigit(ch) ? run + 1 : 0;
		if (run >= 3)
			return 1;
		if (ch == '/' && digit && i + 1 < n &&
		    isdigit((unsigned char)name[i + 1]))
			return 1;
		digit = isdigit(ch) != 0;
	}
	return 0;
}

int
clm_map_row_is_data(size_t mapped, size_t n)
{
	return n > 0 && (mapped == 0 || (mapped < 3 && mapped * 4 < n));
}
