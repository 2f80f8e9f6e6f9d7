-- WATCHER: a key an administrator issues to a third party (a procurement team, a customer of a certification body)
-- that may subscribe to named organisations' public standing in registry-query and do nothing else (issue 19).
ALTER TABLE api_key DROP CONSTRAINT IF EXISTS api_key_role_check;
ALTER TABLE api_key ADD CONSTRAINT api_key_role_check
    CHECK (role IN ('MEMBER_BODY', 'SECRETARIAT', 'COMPLIANCE', 'ADMIN', 'WATCHER'));
