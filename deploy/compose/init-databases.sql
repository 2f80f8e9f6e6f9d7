-- One database per service, owned by the services' role (POSTGRES_USER below).
CREATE DATABASE icss_audit;
CREATE DATABASE icss_certification;
CREATE DATABASE icss_awards;
CREATE DATABASE icss_registry;
