package org.icss.ledger.registry.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs the registry's verification answers as compact JWS (ES256: ECDSA on P-256 with SHA-256, RFC 7518), so that
 * anyone holding the registry's published keys ({@code /.well-known/jwks.json}, RFC 7517) can check an answer
 * offline, later. The signing key is a private EC JWK read from {@code icss.registry.signing.key-file}; without one a
 * key is generated at start (a development convenience: its answers verify only until the next start). Retired keys'
 * public halves ({@code icss.registry.signing.retired-key-files}) stay published so that what they signed still
 * verifies.
 */
public class AnswerSigner {

    private static final Logger log = LoggerFactory.getLogger(AnswerSigner.class);

    /** The issuer every signed answer names. */
    public static final String ISSUER = "urn:icss:registry";

    private final ECKey key;
    private final JWKSet published;
    private final ECDSASigner signer;
    private final Clock clock;

    public AnswerSigner(Path keyFile, List<Path> retiredKeyFiles, Clock clock) {
        this.clock = clock;
        this.key = keyFile == null ? generated() : read(keyFile);
        List<JWK> keys = new ArrayList<>();
        keys.add(key.toPublicJWK());
        retiredKeyFiles.forEach(file -> keys.add(read(file).toPublicJWK()));
        this.published = new JWKSet(keys);
        try {
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("the signing key cannot sign ES256", e);
        }
    }

    private static ECKey generated() {
        try {
            log.warn("no icss.registry.signing.key-file: signing answers with a key generated now, published only "
                    + "until this process stops");
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID("generated-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    private static ECKey read(Path file) {
        try {
            JWK jwk = JWK.parse(Files.readString(file));
            if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || ec.getKeyID() == null) {
                throw new IllegalStateException(file + " is not an EC P-256 JWK with a kid");
            }
            return ec;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not a JWK: " + e.getMessage(), e);
        }
    }

    /** The public keys that verify the registry's answers, current and retired, as a JWK Set. */
    public Map<String, Object> jwks() {
        return published.toJSONObject(true);
    }

    /**
     * A verifiable credential secured as VC-JOSE: a compact JWS (typ {@code vc+jwt}, ES256) whose payload is the
     * credential's JSON itself.
     */
    public String signCredential(Map<String, Object> credential) {
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID()).type(new JOSEObjectType("vc+jwt")).build(),
                new com.nimbusds.jose.Payload(credential));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a credential", e);
        }
        return jws.serialize();
    }

    /**
     * A compact JWS of what was asked and what the registry answered: claims {@code iss}, {@code iat} (the instant
     * of answering), {@code question} and {@code answer}.
     */
    public String sign(Map<String, Object> question, Map<String, Object> answer) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).issueTime(Date.from(clock.instant()))
                .claim("question", question).claim("answer", answer).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an answer", e);
        }
        return jwt.serialize();
    }
}
