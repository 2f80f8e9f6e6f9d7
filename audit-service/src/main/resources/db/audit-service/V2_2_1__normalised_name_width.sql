-- The normalised name (OrganisationRegistrations.normalise: lower case) can be longer than the name: "İ" (U+0130)
-- lower-cases to "i" and a combining dot. A name is at most 200 characters (the input policy) and no character
-- lower-cases to more than 2 (OrganisationRegistrationsTest checks each code point), so 400 always fits.
ALTER TABLE organisation_registration ALTER COLUMN normalised_name TYPE VARCHAR(400);
